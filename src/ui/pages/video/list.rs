//! The video streams in the account.

use super::input_value;
use crate::engine::ApiError;
use crate::forms::video::retention_text;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use serde_json::json;
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
            <SignalingChannels />
        </section>
    }
}

struct ChannelRow {
    name: String,
    arn: String,
    status: &'static str,
    ttl: i64,
    created: String,
}

/// Signaling channels: what WebRTC needs, and why it is not a video stream.
#[component]
fn SignalingChannels() -> Html {
    let sandbox = use_sandbox();
    let name = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let endpoints = use_state(|| None::<(String, Vec<(String, String)>)>);
    let rows: Vec<ChannelRow> = sandbox.read(|sb| {
        sb.video()
            .channels()
            .map(|c| ChannelRow {
                name: c.name.clone(),
                arn: c.arn.clone(),
                status: c.status.as_str(),
                ttl: c.message_ttl_seconds,
                created: time_text(c.created),
            })
            .collect()
    });
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    let submit = {
        let (sandbox, name, error) = (sandbox.clone(), name.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = json!({"ChannelName": name.trim(), "ChannelType": "SINGLE_MASTER"});
            match sandbox.call("KinesisVideo.CreateSignalingChannel", body) {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let show_endpoints = |row: &ChannelRow| {
        let (sandbox, error, endpoints) = (sandbox.clone(), error.clone(), endpoints.clone());
        let (channel, arn) = (row.name.clone(), row.arn.clone());
        Callback::from(move |_| {
            let mut found = Vec::new();
            for role in ["MASTER", "VIEWER"] {
                let body = json!({"ChannelARN": arn, "SingleMasterChannelEndpointConfiguration":
                    {"Protocols": ["WSS", "HTTPS"], "Role": role}});
                match sandbox.call("KinesisVideo.GetSignalingChannelEndpoint", body) {
                    Ok(v) => {
                        for e in v["ResourceEndpointList"].as_array().into_iter().flatten() {
                            found.push((
                                format!("{role} · {}", e["Protocol"].as_str().unwrap_or("")),
                                e["ResourceEndpoint"].as_str().unwrap_or("").to_string(),
                            ));
                        }
                    }
                    Err(e) => {
                        error.set(Some(e));
                        return;
                    }
                }
            }
            error.set(None);
            endpoints.set(Some((channel.clone(), found)));
        })
    };
    html! {
        <section class="panel" aria-labelledby="channels-title">
            <h2 id="channels-title">{ format!("Signaling channels ({})", rows.len()) }</h2>
            <p>{ "Kinesis Video Streams with WebRTC is for two-way, sub-second video between peers — a doorbell camera and a phone app, say. A signaling channel is only the meeting point: the camera connects as the master and up to 10 apps as viewers over its WebSocket (WSS) endpoint to exchange offers, answers and ICE candidates; the HTTPS endpoint gives the STUN/TURN servers. The media then flows peer to peer (or through TURN) and is not stored in a video stream, so there is no retention, no fragments and no playback afterwards. A video stream is the other way round: it stores the media, and HLS or DASH playback of it lags about 3 to 5 seconds behind live." }</p>
            <p class="info" role="note">{ "The sandbox keeps the channels and gives their endpoints as AWS does; it does not run the signaling service itself, so nothing here can connect to them." }</p>
            <form class="inline-form" onsubmit={submit} aria-label="Create signaling channel">
                <label for="channel-name">{ "Signaling channel name" }</label>
                <input id="channel-name" type="text" value={(*name).clone()} {oninput}
                    autocomplete="off" spellcheck="false" />
                <button type="submit" class="primary" disabled={name.trim().is_empty()}>{ "Create signaling channel" }</button>
            </form>
            if let Some(e) = &*error {
                <ApiErrorAlert error={e.clone()} />
            }
            <table class="resource-table">
                <caption class="visually-hidden">{ "Signaling channels in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Message TTL" }</th>
                    <th scope="col">{ "Creation time" }</th>
                    <th scope="col">{ "Endpoints" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="empty">{ "No signaling channels" }</td></tr>
                    }
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td>{ &r.name }</td>
                            <td><span class={classes!("status", r.status.to_lowercase())}>{ r.status }</span></td>
                            <td>{ format!("{} seconds", r.ttl) }</td>
                            <td>{ &r.created }</td>
                            <td><button type="button" class="secondary" onclick={show_endpoints(r)}
                                aria-label={format!("Get endpoints of {}", r.name)}>{ "Get endpoints" }</button></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some((channel, list)) = &*endpoints {
                <dl class="summary" aria-label={format!("Endpoints of {channel}")}>
                    { for list.iter().map(|(k, v)| html! {
                        <>
                            <dt>{ k }</dt>
                            <dd><code style="word-break: break-all">{ v }</code></dd>
                        </>
                    }) }
                </dl>
            }
        </section>
    }
}
