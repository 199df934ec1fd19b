//! S3 buckets that something delivers to: objects and bytes, or that the bucket is missing.

use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Health, Line, Node, NodeId, Role};
use crate::text::{bytes, thousands};

pub const SERVICE: &str = "s3";

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for name in b.linked_to(SERVICE) {
        let mut n = Node::new(
            NodeId::new(SERVICE, &name),
            Role::Destination,
            "Amazon S3 bucket",
            &name,
        );
        n.route = Some(format!("#/s3/{name}"));
        n.summary = format!("S3 bucket {name}");
        match sb.s3().bucket(&name) {
            Some(bucket) => {
                let objects = bucket.objects.len() as u64;
                let size: u64 = bucket.objects.values().map(|o| o.size).sum();
                n.lines.push(Line::text(format!(
                    "{} object{} · {}",
                    thousands(objects),
                    if objects == 1 { "" } else { "s" },
                    bytes(size)
                )));
                n.facts.push(format!(
                    "S3 bucket {name}: {}, {}.",
                    plural(objects, "object", "objects"),
                    bytes(size)
                ));
            }
            None => {
                n.lines.push(Line::danger("does not exist"));
                n.health = Health::Failing("does not exist".to_string());
                n.facts.push(format!("S3 bucket {name}: does not exist."));
            }
        }
        b.node(n);
    }
}
