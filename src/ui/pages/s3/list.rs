//! Amazon S3: the buckets, and Create bucket.

use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use serde_json::json;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn BucketList() -> Html {
    let sandbox = use_sandbox();
    let name = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let buckets: Vec<(String, String, usize)> = sandbox.read(|sb| {
        let s3 = sb.s3();
        s3.bucket_names()
            .filter_map(|n| s3.bucket(n))
            .map(|b| (b.name.clone(), time_text(b.created), b.objects.len()))
            .collect()
    });
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (sandbox, name, error) = (sandbox.clone(), name.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match sandbox.call("S3.CreateBucket", json!({ "Bucket": name.trim() })) {
                Ok(_) => {
                    error.set(None);
                    name.set(String::new());
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    html! {
        <section class="page" aria-labelledby="s3-title">
            <h1 id="s3-title">{ "Amazon S3" }</h1>
            <p>{ "General purpose buckets: the objects Firehose delivers land here." }</p>
            <form class="inline-form" {onsubmit} novalidate=true>
                <label for="bucket-name">{ "Bucket name" }</label>
                <input id="bucket-name" type="text" value={(*name).clone()} {oninput} autocomplete="off" aria-describedby="bucket-name-help" />
                <button type="submit">{ "Create bucket" }</button>
                <p class="help" id="bucket-name-help">{ "3–63 characters: lowercase letters, numbers, periods and hyphens; starts and ends with a letter or number." }</p>
            </form>
            if let Some(e) = &*error { <ApiErrorAlert error={e.clone()} /> }
            <table class="resource-table">
                <caption class="visually-hidden">{ "Buckets in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Creation date" }</th>
                    <th scope="col">{ "Objects" }</th>
                </tr></thead>
                <tbody>
                    if buckets.is_empty() {
                        <tr><td colspan="3" class="empty">{ "No buckets" }</td></tr>
                    }
                    { for buckets.into_iter().map(|(n, created, count)| html! {
                        <tr>
                            <td><Link<Route> to={Route::S3Bucket { bucket: n.clone() }}>{ n }</Link<Route>></td>
                            <td>{ created }</td>
                            <td>{ count }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
