//! `#/pipeline`: the live diagram of what the learner has built.

use crate::ui::components::pipeline::PipelineDiagram;
use yew::prelude::*;

#[component]
pub fn PipelinePage() -> Html {
    html! {
        <section class="page" aria-labelledby="pipeline-title">
            <h1 id="pipeline-title">{ "Pipeline" }</h1>
            <p class="lead">
                { "What you have built, live: producers, data streams with their open shards, consumers with the Firehose buffer, and the S3 bucket. \
                   Arrows carry the records per second of the last simulated second; a throttled shard is marked with the limit it is over." }
            </p>
            <PipelineDiagram />
        </section>
    }
}
