//! The simulated Splunk HEC that delivery streams send to: its behaviour, tokens and indexed
//! events, and the batches waiting for its acknowledgement or for a retry — failing when
//! nothing listens at the URL or the HEC answers 503.

use crate::engine::firehose::splunk::waiting;
use crate::engine::splunk::HEC_URL;
use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Health, Line, Node, NodeId, Role};

pub const SERVICE: &str = "splunk";

/// A HEC endpoint's node id.
pub fn id(endpoint: &str) -> NodeId {
    NodeId::new(SERVICE, endpoint)
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    let hec = sb.splunk_hec();
    for endpoint in b.linked_to(SERVICE) {
        let mut n = Node::new(id(&endpoint), Role::Destination, "Splunk HEC", &endpoint);
        n.route = Some("#/splunk".to_string());
        n.summary = format!("Splunk HEC {endpoint}");
        let (mut acks, mut retries) = (0, 0);
        for name in sb.firehose().names() {
            let Some(d) = sb.firehose().get(name) else {
                continue;
            };
            if d.splunk
                .as_ref()
                .is_some_and(|s| s.hec_endpoint == endpoint)
            {
                let (a, r) = waiting(d);
                acks += a;
                retries += r;
            }
        }
        let here = endpoint.trim_end_matches('/').starts_with(HEC_URL);
        let said = if !here {
            "no HEC at this URL: Splunk.InvalidEndpoint".to_string()
        } else {
            match hec["Behavior"].as_str() {
                Some("SERVER_ERROR") => "answers 503 Server is busy".to_string(),
                Some("ACK_DELAY") => format!("acknowledges {} s late", hec["AckDelaySeconds"]),
                _ => "indexes and acknowledges".to_string(),
            }
        };
        if said == "indexes and acknowledges" {
            n.lines.push(Line::text(&said));
        } else {
            n.lines.push(Line::danger(&said));
            n.health = Health::Failing(said.clone());
        }
        let events = hec["EventCount"].as_u64().unwrap_or(0);
        n.lines.push(Line::text(plural(
            events,
            "event indexed",
            "events indexed",
        )));
        let wait = format!(
            "{} for an acknowledgement, {} for a retry",
            plural(acks as u64, "batch", "batches"),
            retries
        );
        n.lines.push(if retries > 0 {
            Line::danger(&wait)
        } else {
            Line::text(&wait)
        });
        n.facts.push(format!(
            "Splunk HEC {endpoint} (simulated): {said}, {}; {wait}.",
            plural(events, "event indexed", "events indexed")
        ));
        b.node(n);
    }
}
