//! The video streams in the account.

use crate::forms::video::retention_text;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

struct Row {
    name: String,
    status: &'static str,
    media_type: Option<String>,
    retention: i64,
    created: String,
}

#[component]
pub fn VideoStreamList() -> Html {
    let sandbox = use_sandbox();
    let rows: Vec<Row> = sandbox.read(|sb| {
        sb.video()
            .streams()
            .map(|s| Row {
                name: s.name.clone(),
                status: s.status.as_str(),
                media_type: s.media_type.clone(),
                retention: s.retention_hours,
                created: time_text(s.created),
            })
            .collect()
    });
    html! {
        <section class="page" aria-labelledby="video-title">
            <p class="breadcrumb">{ "Kinesis Video Streams › Video streams" }</p>
            <div class="page-header">
                <h1 id="video-title">{ format!("Video streams ({})", rows.len()) }</h1>
                <Link<Route> to={Route::VideoCreate} classes="button-link primary">{ "Create video stream" }</Link<Route>>
            </div>
            <p>{ "Amazon Kinesis Video Streams takes in live media — video from webcams and security cameras, audio, images, radar data — from many devices, stores it durably (in Amazon S3, managed for you) for as long as its data retention says, and lets applications read it live or play it back later, for example for computer vision and machine learning." }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Video streams in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Media type" }</th>
                    <th scope="col">{ "Data retention" }</th>
                    <th scope="col">{ "Creation time" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="empty">
                            { "No video streams" }<br />
                            { "A video stream receives media from a producer — here your webcam or a test pattern drawn by the page — as fragments, keeps them for its data retention period, and hands them to consumers that watch live or play back. Create one to start." }
                        </td></tr>
                    }
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td><Link<Route> to={Route::VideoStream { name: r.name.clone() }}>{ &r.name }</Link<Route>></td>
                            <td><span class={classes!("status", r.status.to_lowercase())}>{ r.status }</span></td>
                            <td>{ r.media_type.clone().unwrap_or_else(|| "-".to_string()) }</td>
                            <td>{ retention_text(r.retention) }</td>
                            <td>{ &r.created }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
