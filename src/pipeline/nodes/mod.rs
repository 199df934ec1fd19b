//! Each service's part of the pipeline graph: one function per service that adds its nodes
//! and the edges out of them (or into them) from the sandbox's typed snapshots. A new
//! service adds a file here and a line to [`CONTRIBUTORS`].

pub mod direct_put;
pub mod endpoints;
pub mod firehose;
pub mod generator;
pub mod opensearch;
pub mod redshift;
pub mod s3;
pub mod splunk;
pub mod streams;
pub mod video;

use super::Builder;
use crate::engine::Sandbox;

/// Adds one service's nodes and edges.
pub type Contributor = fn(&Sandbox, &mut Builder);

/// Every service that draws itself, by name, in the order they run: a contributor may read
/// the nodes added before it ([`Builder::get`]: a stream's records/s label the arrows out of
/// it). Destinations come last: they show the resources something delivers to
/// ([`Builder::linked_to`]).
pub const CONTRIBUTORS: &[(&str, Contributor)] = &[
    ("kinesis", streams::contribute),
    ("generator", generator::contribute),
    ("direct-put", direct_put::contribute),
    ("firehose", firehose::contribute),
    ("kinesisvideo", video::contribute),
    ("s3", s3::contribute),
    ("https", endpoints::contribute),
    ("redshift", redshift::contribute),
    ("splunk", splunk::contribute),
    ("es", opensearch::contribute),
];
