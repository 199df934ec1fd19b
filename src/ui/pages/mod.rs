//! The console's pages: one folder per AWS service (its pages, its routes and its entry in
//! the side navigation), and the pages that belong to no service.

pub mod analysis;
pub mod cloudwatch;
pub mod events;
pub mod firehose;
pub mod generator;
pub mod glue;
pub mod home;
pub mod iam;
pub mod labs;
pub mod lambda;
pub mod not_found;
pub mod opensearch;
pub mod pipeline;
pub mod quiz;
pub mod redshift;
pub mod s3;
pub mod splunk;
pub mod streams;
pub mod video;

use super::Route;
use yew::Html;

/// What a service folder gives the shell: its entry in the side navigation and the pages of
/// its routes.
pub struct Service {
    /// The navigation's label, named like the AWS console.
    pub label: &'static str,
    /// Where the navigation entry leads.
    pub home: Route,
    /// The page of a route of this service; `None` for another's route.
    pub switch: fn(&Route) -> Option<Html>,
}

/// The services, in the side navigation's order (the console's).
pub const SERVICES: &[Service] = &[
    streams::SERVICE,
    firehose::SERVICE,
    redshift::SERVICE,
    video::SERVICE,
    lambda::SERVICE,
    opensearch::SERVICE,
    s3::SERVICE,
    iam::SERVICE,
    cloudwatch::SERVICE,
    glue::SERVICE,
    analysis::SERVICE,
    generator::SERVICE,
    splunk::SERVICE,
];
