//! One module per console page.

pub mod cloudwatch;
pub mod events;
pub mod firehose;
pub mod firehose_create;
pub mod firehose_details;
pub mod generator;
pub mod home;
pub mod iam;
pub mod iam_role;
pub mod labs;
pub mod not_found;
pub mod pipeline;
pub mod quiz;
pub mod s3;
pub mod s3_bucket;
pub mod stream_create;
pub mod stream_details;
pub mod streams;
