//! The Enhanced fan-out tab: register and deregister consumers.

use super::{input_value, StreamProps};
use crate::forms::stream_details::{deregister_request, time_text, Consumers, ConsumersAction};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use yew::prelude::*;

reducible!(Consumers);

#[component]
pub(super) fn FanOut(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let form = use_reducer(Consumers::default);
    let consumers: Vec<(String, String, i64)> = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| {
                st.consumers
                    .values()
                    .map(|c| (c.name.clone(), c.status.as_str().to_string(), c.created_ms))
                    .collect()
            })
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = sandbox.sender(form.dispatcher(), ConsumersAction::Answered);
    let register = {
        let (send, dispatch) = (send.clone(), form.dispatcher());
        let request = form.register_request(&s.arn);
        Callback::from(move |_| {
            if send(request.clone()) {
                dispatch.dispatch(ConsumersAction::Registered);
            }
        })
    };
    let oninput = {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(ConsumersAction::Name(input_value(&e)))
        })
    };
    html! {
        <div class="tab-body">
            <p>{ "Each consumer registered for enhanced fan-out receives its own 2 MB/sec of read throughput per shard, pushed over SubscribeToShard. Without it, all consumers share 2 MB/sec and 5 GetRecords calls per second per shard. Up to 20 consumers per stream." }</p>
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            <div class="inline-form">
                <label for="consumer-name">{ "Consumer name" }</label>
                <input id="consumer-name" type="text" value={form.name.clone()} {oninput} />
                <button type="button" onclick={register}>{ "Register consumer" }</button>
            </div>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Enhanced fan-out consumers" }</caption>
                <thead><tr><th scope="col">{ "Consumer name" }</th><th scope="col">{ "Registration status" }</th>
                    <th scope="col">{ "Registration date" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                <tbody>
                    if consumers.is_empty() {
                        <tr><td colspan="4" class="empty">{ "No consumers of this data stream are using enhanced fan-out" }</td></tr>
                    }
                    { for consumers.iter().map(|(name, status, created)| {
                        let deregister = {
                            let send = send.clone();
                            let request = deregister_request(&s.arn, name);
                            Callback::from(move |_| {
                                send(request.clone());
                            })
                        };
                        html! {
                            <tr><td>{ name }</td><td>{ status }</td><td>{ time_text(*created) }</td>
                                <td><button type="button" onclick={deregister} aria-label={format!("Deregister {name}")}>{ "Deregister" }</button></td></tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
