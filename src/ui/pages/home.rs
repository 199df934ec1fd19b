//! The landing page.

use crate::ui::components::pipeline::PipelineDiagram;
use yew::prelude::*;

#[component]
pub fn Home() -> Html {
    let pipeline = html! {
        <>
            <PipelineDiagram />
            <p><a href="#/pipeline">{ "Open the pipeline on its own page" }</a></p>
        </>
    };
    html! { <HomeText {pipeline} /> }
}

#[derive(Properties, PartialEq)]
pub struct HomeTextProps {
    /// What goes under "Your pipeline": the live diagram, or (before the sandbox has loaded)
    /// a line saying it is on its way.
    pub pipeline: Html,
}

/// The home page's text around the pipeline. The first render shows it too, from the
/// first-load module alone: it links with plain `#/…` anchors and never reads the sandbox.
#[component]
pub fn HomeText(props: &HomeTextProps) -> Html {
    html! {
        <section class="page" aria-labelledby="home-title">
            <h1 id="home-title">{ "Kinesis Sandbox" }</h1>
            <p class="lead">
                { "Build Amazon Kinesis pipelines without an AWS account: data streams, shards and partition keys, \
                   producers and consumers, all simulated in this page. Nothing leaves your browser and nothing costs money." }
            </p>
            <h2>{ "Start here" }</h2>
            <ol class="start-here">
                <li>
                    <a href="#/labs">{ "Labs" }</a>
                    { ": follow the course notes step by step. Start with \"Create a data stream\"; a panel beside the console shows each step, checks it as you go, and can show you how." }
                </li>
                <li>
                    <a href="#/quiz">{ "Exam prep" }</a>
                    { ": practice questions and a timed exam, each answer explained and linked to the part of the sandbox it is about." }
                </li>
                <li>
                    { "Or explore on your own: " }
                    <a href="#/streams">{ "Kinesis Data Streams" }</a>
                    { ", the data generator, Firehose, Lambda, S3 and Kinesis Video Streams are in the menu." }
                </li>
            </ol>
            <h2>{ "Your pipeline" }</h2>
            { props.pipeline.clone() }
            <h2>{ "How it works" }</h2>
            <ul>
                <li>{ "Every button in the console makes the same API call AWS would get, and answers with AWS's own responses and error messages." }</li>
                <li>{ "Time is simulated. Use the clock in the top bar to pause it, run it 10× or 60× faster, or jump 5 minutes ahead." }</li>
                <li>{ "Your sandbox is saved in this browser (IndexedDB) as you go. Export it to a file to keep it, or reset it to start over." }</li>
            </ul>
            <h2>{ "Then and now" }</h2>
            <p>{ "Course material from the exam era and today's AWS differ on a few numbers. The sandbox simulates today's AWS and shows the older value beside it:" }</p>
            <table class="facts">
                <caption class="visually-hidden">{ "Values that changed since the exam-era course notes" }</caption>
                <thead><tr><th scope="col">{ "Fact" }</th><th scope="col">{ "Exam era (2020)" }</th><th scope="col">{ "Today" }</th></tr></thead>
                <tbody>
                    <tr><td>{ "Maximum stream retention" }</td><td>{ "168 hours (7 days)" }</td><td>{ "8760 hours (365 days)" }</td></tr>
                    <tr><td>{ "Minimum Firehose buffer interval" }</td><td>{ "60 seconds" }</td><td>{ "0 seconds" }</td></tr>
                    <tr><td>{ "Name of the delivery service" }</td><td>{ "Kinesis Data Firehose" }</td><td>{ "Amazon Data Firehose" }</td></tr>
                    <tr><td>{ "SQL on streams" }</td><td>{ "Kinesis Data Analytics for SQL" }</td><td>{ "Discontinued; use Amazon Managed Service for Apache Flink" }</td></tr>
                </tbody>
            </table>
            <p>
                <a href="#/streams">{ "Start with Kinesis Data Streams" }</a>
            </p>
        </section>
    }
}
