//! Amazon Redshift clusters a delivery stream loads with COPY: the cluster's status, its
//! tables and rows, failing when it can't be reached (missing, still creating, not publicly
//! accessible).

use crate::engine::redshift::ClusterStatus;
use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Health, Line, Node, NodeId, Role};

pub const SERVICE: &str = "redshift";

/// A cluster's node id, by the host name of its JDBC URL.
pub fn id(host: &str) -> NodeId {
    NodeId::new(SERVICE, host)
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for host in b.linked_to(SERVICE) {
        let cluster = sb.redshift().clusters.values().find(|c| c.endpoint == host);
        let title = cluster.map_or(host.clone(), |c| c.identifier.clone());
        let mut n = Node::new(id(&host), Role::Destination, "Amazon Redshift", &title);
        n.route = Some("#/redshift".to_string());
        n.summary = format!("Amazon Redshift cluster {title}");
        let problem = match cluster {
            None => Some("no cluster at this JDBC URL".to_string()),
            Some(c) if c.status != ClusterStatus::Available => Some("creating".to_string()),
            Some(c) if !c.publicly_accessible => Some("not publicly accessible".to_string()),
            Some(_) => None,
        };
        let mut fact = format!("Amazon Redshift cluster {title}");
        if let Some(c) = cluster {
            let rows: usize = c.database.tables.values().map(|t| t.rows.len()).sum();
            let tables = plural(c.database.tables.len() as u64, "table", "tables");
            let rows = plural(rows as u64, "row", "rows");
            n.lines.push(Line::text(format!("{tables} · {rows}")));
            fact.push_str(&format!(": {tables}, {rows}"));
        }
        if let Some(p) = &problem {
            n.lines.push(Line::danger(p));
            n.health = Health::Failing(p.clone());
            fact.push_str(&format!("; {p}"));
        }
        fact.push('.');
        n.facts.push(fact);
        b.node(n);
    }
}
