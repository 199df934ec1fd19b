//! Amazon Data Firehose delivery streams: the buffer's fill, seconds to the next delivery and
//! why delivery or reading fails (from the access checks), with an arrow from the source
//! stream and one to the destination (its S3 bucket, or its HTTP endpoint).

use crate::engine::firehose::{AccessCheck, AccessOutcome};
use crate::engine::Sandbox;
use crate::pipeline::{plural, Builder, Flow, Health, Line, Link, Node, NodeId, Role};
use crate::text::{bytes, thousands};

pub const SERVICE: &str = "firehose";

/// A delivery stream's node id.
pub fn id(name: &str) -> NodeId {
    NodeId::new(SERVICE, name)
}

/// What keeps a delivery stream from delivering or reading, if anything.
pub fn failing(sb: &Sandbox, name: &str, awaiting: usize, bucket: &str) -> Option<String> {
    let checks = sb.firehose_access(name);
    let denied = |c: &&AccessCheck| !matches!(c.outcome, AccessOutcome::Allowed(_));
    let url = sb
        .firehose()
        .get(name)
        .and_then(|d| d.http.as_ref())
        .map(|h| h.url.clone());
    let splunk = sb.firehose().get(name).filter(|d| d.splunk.is_some());
    if let (Some(d), true) = (splunk, awaiting > 0) {
        // Batches only waiting for their acknowledgement are not failing.
        return crate::engine::firehose::splunk::failing(d)
            .map(|code| format!("delivery failing: {code}"));
    }
    let domain = sb
        .firehose()
        .get(name)
        .and_then(|d| d.opensearch.as_ref())
        .and_then(|o| o.domain_name(sb));
    if let (Some(domain), true) = (&domain, awaiting > 0) {
        let reason = checks
            .iter()
            .filter(|c| c.action.starts_with("es:"))
            .find(denied)
            .map(|c| format!("OS.AccessDenied ({} denied)", c.action))
            .or_else(|| super::opensearch::unavailable(sb, domain))
            .unwrap_or_else(|| "retrying".to_string());
        return Some(format!("delivery failing: {reason}"));
    }
    if let (Some(url), true) = (url, awaiting > 0) {
        let reason = super::endpoints::answer(sb, &url).map_or(
            "HttpEndpoint.ConnectionFailed".to_string(),
            |a| match a {
                super::endpoints::Answer::Status(200) => "retrying".to_string(),
                super::endpoints::Answer::Status(s) => {
                    format!("HttpEndpoint.DestinationException ({s})")
                }
                super::endpoints::Answer::Nothing => "HttpEndpoint.RequestTimeout".to_string(),
            },
        );
        return Some(format!("delivery failing: {reason}"));
    }
    // Amazon Redshift: objects in the intermediate bucket whose COPY failed.
    if let Some((code, _)) = sb
        .firehose()
        .get(name)
        .and_then(|d| d.redshift_pending.front())
        .and_then(|j| j.last_error.as_ref())
    {
        return Some(format!(
            "delivery failing: {code} (COPY retried every 5 min)"
        ));
    }
    if awaiting > 0 {
        let reason = checks
            .iter()
            .filter(|c| !c.action.starts_with("kinesis:") && !c.action.starts_with("logs:"))
            .find(denied)
            .map(|c| {
                let code = if c.action.starts_with("kms:") {
                    "S3.KMS.AccessDeniedException"
                } else {
                    "S3.AccessDenied"
                };
                format!("{code} ({} denied)", c.action)
            })
            .or_else(|| (!sb.s3().has_bucket(bucket)).then(|| "S3.NoSuchBucket".to_string()))
            .unwrap_or_else(|| "retrying".to_string());
        return Some(format!("delivery failing: {reason}"));
    }
    checks
        .iter()
        .filter(|c| c.action.starts_with("kinesis:"))
        .find(denied)
        .map(|c| {
            format!(
                "reading failing: Kinesis.AccessDenied ({} denied)",
                c.action
            )
        })
}

/// "next delivery in 42 s" or "buffer empty (interval 300 s)".
pub fn next_delivery_text(seconds: Option<u64>, interval_s: u32) -> String {
    match seconds {
        Some(s) => format!("next delivery in {s} s"),
        None => format!("buffer empty (interval {interval_s} s)"),
    }
}

fn contribute_one(sb: &Sandbox, b: &mut Builder, name: &str) {
    let (Some(d), Some(g)) = (sb.firehose().get(name), sb.firehose_buffer(name)) else {
        return;
    };
    let bucket = d.destination.bucket().to_string();
    let url = d.http.as_ref().map(|h| h.url.clone());
    let hec = d.splunk.as_ref().map(|s| s.hec_endpoint.clone());
    let domain = d
        .opensearch
        .as_ref()
        .map(|o| o.domain_name(sb).unwrap_or_default());
    let source = d.source.as_ref().map(|s| s.consumer.stream_name.clone());
    let why = failing(sb, name, g.batches_awaiting_retry, &bucket);
    let status = d.status.as_str();
    let next = next_delivery_text(g.seconds_until_delivery, g.interval_s);

    let mut n = Node::new(id(name), Role::Delivery, "Amazon Data Firehose", name);
    n.route = Some(format!("#/firehose/{name}"));
    n.summary = format!("Firehose {name}");
    if status != "ACTIVE" {
        n.lines.push(Line::warn(status));
    }
    n.lines.push(Line::text(match &source {
        Some(s) => format!("Source: {s}"),
        None => "Source: Direct PUT".to_string(),
    }));
    n.lines.push(Line::Bar {
        fill: if g.size_limit_bytes == 0 {
            0.0
        } else {
            (g.bytes as f64 / g.size_limit_bytes as f64).min(1.0)
        },
        visible: g.bytes > 0,
    });
    n.lines.push(Line::text(format!(
        "{} of {} · {} record{}",
        bytes(g.bytes),
        bytes(g.size_limit_bytes),
        thousands(g.records),
        if g.records == 1 { "" } else { "s" }
    )));
    n.lines.push(Line::text(&next));
    if let Some(why) = &why {
        // "delivery failing: S3.AccessDenied" and "(s3:PutObject denied)".
        match why.split_once(" (") {
            Some((what, detail)) => {
                n.lines.push(Line::danger(what));
                n.lines.push(Line::danger(format!("({detail}")));
            }
            None => n.lines.push(Line::danger(why)),
        }
        n.health = Health::Failing(why.clone());
    }
    let mut fact = format!(
        "Firehose delivery stream {name} ({status}), {}, to {}: buffer {} of {} ({}), {next}; {} delivered",
        match &source {
            Some(s) => format!("reading data stream {s}"),
            None => "Direct PUT".to_string(),
        },
        match (&url, &hec, &d.redshift, &domain) {
            (Some(u), _, _, _) => format!("HTTP endpoint {u}"),
            (_, Some(h), _, _) => format!("Splunk HEC {h}"),
            (None, None, Some(r), _) => format!("Amazon Redshift table {} through S3 bucket {bucket}", r.table),
            (None, None, None, Some(dm)) => format!("OpenSearch domain {dm}"),
            _ => format!("S3 bucket {bucket}"),
        },
        bytes(g.bytes),
        bytes(g.size_limit_bytes),
        plural(g.records, "record", "records"),
        plural(g.ledger.delivered, "record", "records"),
    );
    if let Some(why) = &why {
        fact.push_str(&format!("; {why}"));
    }
    fact.push('.');
    n.facts.push(fact);
    b.node(n);

    if let Some(s) = &source {
        let from = super::streams::id(s);
        let out = b.get(&from).and_then(|n| n.rates).map_or(0, |r| r.outgoing);
        let link = Link::new(from, id(name), format!("{}/s", thousands(out)));
        b.link(match &why {
            Some(r) if r.starts_with("reading") => {
                link.note("read denied", Flow::Failing { waiting: 0 })
            }
            _ => link,
        });
    }
    let delivery_failing = why.as_ref().is_some_and(|r| r.starts_with("delivery"));
    let redshift_host = d
        .redshift
        .as_ref()
        .and_then(|r| crate::engine::redshift::parse_jdbc(&r.jdbc_url))
        .map(|(host, _, _)| host);
    let to = match (url, hec, redshift_host, domain) {
        (Some(u), _, _, _) => super::endpoints::id(&u),
        (_, Some(h), _, _) => super::splunk::id(&h),
        (None, None, Some(host), _) => super::redshift::id(&host),
        (None, None, None, Some(dm)) => super::opensearch::id(&dm),
        _ => NodeId::new(super::s3::SERVICE, bucket),
    };
    // Failing: what waits for the retry; otherwise what arrived so far.
    b.link(if delivery_failing {
        Link::new(
            id(name),
            to,
            format!("{} waiting", thousands(g.records_awaiting_retry)),
        )
        .note(
            "failing",
            Flow::Failing {
                waiting: g.records_awaiting_retry,
            },
        )
    } else {
        Link::new(id(name), to, thousands(g.ledger.delivered)).note("delivered", Flow::Flowing)
    });
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for name in sb.firehose().names() {
        contribute_one(sb, b, name);
    }
}
