//! Amazon Kinesis Video Streams.

pub mod ebml;
