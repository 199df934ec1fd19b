//! The learner's HTTP endpoints that a delivery stream sends to: what each answers and how
//! many requests it received, failing when it answers anything but 200 (or isn't there).

use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Health, Line, Node, NodeId, Role};
use serde_json::Value;

pub const SERVICE: &str = "https";

/// An endpoint's node id.
pub fn id(url: &str) -> NodeId {
    NodeId::new(SERVICE, url)
}

/// What an endpoint answers now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Status(u16),
    /// It never answers (the request times out).
    Nothing,
}

fn view(sb: &Sandbox, url: &str) -> Option<Value> {
    sb.http_endpoints().into_iter().find(|e| e["Url"] == url)
}

/// What the endpoint at `url` answers; `None` when nothing is set up there.
pub fn answer(sb: &Sandbox, url: &str) -> Option<Answer> {
    let e = view(sb, url)?;
    Some(match e["Behavior"].as_str() {
        Some("ERROR") => Answer::Status(e["StatusCode"].as_u64().unwrap_or(500) as u16),
        Some("TIMEOUT") => Answer::Nothing,
        Some("SLOW") => Answer::Status(200),
        _ => Answer::Status(200),
    })
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for url in b.linked_to(SERVICE) {
        let mut n = Node::new(id(&url), Role::Destination, "HTTP endpoint", &url);
        n.route = Some("#/http-endpoints".to_string());
        n.summary = format!("HTTP endpoint {url}");
        let received = view(sb, &url).map_or(0, |e| e["RequestsReceived"].as_u64().unwrap_or(0));
        let said = match answer(sb, &url) {
            Some(Answer::Status(200)) => "answers 200 OK".to_string(),
            Some(Answer::Status(s)) => format!("answers {s}"),
            Some(Answer::Nothing) => "never answers".to_string(),
            None => "not set up: no connection".to_string(),
        };
        if said == "answers 200 OK" {
            n.lines.push(Line::text(&said));
        } else {
            n.lines.push(Line::danger(&said));
            n.health = Health::Failing(said.clone());
        }
        n.lines
            .push(Line::text(plural(received, "request", "requests")));
        n.facts.push(format!(
            "HTTP endpoint {url}: {said}, {} received.",
            plural(received, "request", "requests")
        ));
        b.node(n);
    }
}
