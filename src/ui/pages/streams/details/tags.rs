//! The Tags tab.

use super::{input_value, StreamProps};
use crate::forms::stream_details::{remove_tag_request, Tags as TagForm, TagsAction};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use yew::prelude::*;

reducible!(TagForm);

#[component]
pub(super) fn Tags(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let form = use_reducer(TagForm::default);
    let tags: Vec<(String, String)> = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| {
                st.tags
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    // Sends a request and keeps its error (or clears it); true when it succeeded.
    let send = sandbox.sender(form.dispatcher(), TagsAction::Answered);
    let add = {
        let (send, dispatch) = (send.clone(), form.dispatcher());
        let request = form.add_request(&s.name);
        Callback::from(move |_| {
            if send(request.clone()) {
                dispatch.dispatch(TagsAction::Added);
            }
        })
    };
    let text = |action: fn(String) -> TagsAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    html! {
        <div class="tab-body">
            <p>{ "Tags help organise and identify your streams. A tag is a case-sensitive key-value pair, for example Department = Marketing. Up to 50 tags per stream." }</p>
            if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
            <div class="inline-form">
                <label for="tag-key">{ "Key" }</label>
                <input id="tag-key" type="text" value={form.key.clone()} oninput={text(TagsAction::Key)} />
                <label for="tag-value">{ "Value" }</label>
                <input id="tag-value" type="text" value={form.value.clone()} oninput={text(TagsAction::Value)} />
                <button type="button" onclick={add}>{ "Add tag" }</button>
            </div>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Tags" }</caption>
                <thead><tr><th scope="col">{ "Key" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                <tbody>
                    if tags.is_empty() { <tr><td colspan="3" class="empty">{ "No tags" }</td></tr> }
                    { for tags.iter().map(|(k, v)| {
                        let remove = {
                            let send = send.clone();
                            let request = remove_tag_request(&s.name, k);
                            Callback::from(move |_| {
                                send(request.clone());
                            })
                        };
                        html! { <tr><td>{ k }</td><td>{ v }</td>
                            <td><button type="button" onclick={remove} aria-label={format!("Remove tag {k}")}>{ "Remove" }</button></td></tr> }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
