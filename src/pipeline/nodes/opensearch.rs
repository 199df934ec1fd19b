//! Amazon OpenSearch Service domains a delivery stream writes to: their status, indices and
//! documents, failing while the domain is missing, being created or deleted.

use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Health, Line, Node, NodeId, Role};

pub const SERVICE: &str = "es";

/// A domain's node id.
pub fn id(domain: &str) -> NodeId {
    NodeId::new(SERVICE, domain)
}

/// Why a domain can't take documents now, if it can't.
pub fn unavailable(sb: &Sandbox, domain: &str) -> Option<String> {
    match sb.opensearch().get(domain) {
        None => Some("OS.ResourceNotFound (no such domain)".into()),
        Some(d) if d.deleting_until.is_some() => Some("OS.ResourceNotFound (being deleted)".into()),
        Some(d) if !d.is_active(sb.now()) => Some("OS.ConnectionFailed (being created)".into()),
        Some(_) => None,
    }
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for name in b.linked_to(SERVICE) {
        let mut n = Node::new(
            id(&name),
            Role::Destination,
            "Amazon OpenSearch Service",
            &name,
        );
        n.route = Some(format!("#/opensearch/{name}"));
        n.summary = format!("OpenSearch domain {name}");
        let (indices, docs) = sb.opensearch().get(&name).map_or((0, 0), |d| {
            (d.indices.len() as u64, d.document_count() as u64)
        });
        match unavailable(sb, &name) {
            Some(why) => {
                n.lines.push(Line::danger(&why));
                n.health = Health::Failing(why);
            }
            None => n.lines.push(Line::text("Active")),
        }
        n.lines.push(Line::text(format!(
            "{} · {}",
            plural(indices, "index", "indices"),
            plural(docs, "document", "documents")
        )));
        n.facts.push(format!(
            "OpenSearch domain {name}: {}, {}.",
            plural(indices, "index", "indices"),
            plural(docs, "document", "documents")
        ));
        b.node(n);
    }
}
