//! The record template: five saved templates as tabs, the open one's name and text with its
//! live error and "Go to error", and "Restore this template's default".

use super::page::{on_text, Dispatch};
use crate::forms::generator::{utf16_offset, Action, TemplateBook, TEMPLATE_COUNT};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct TemplateEditorProps {
    pub book: TemplateBook,
    pub dispatch: Dispatch,
}

/// The five saved templates as tabs, the open one's name and text with its live error, and
/// "Restore this template's default".
#[component]
pub(super) fn TemplateEditor(props: &TemplateEditorProps) -> Html {
    let book = &props.book;
    let dispatch = &props.dispatch;
    let editor = use_node_ref();
    let current = book.current().clone();
    let template_error = book.current_error();
    let pick_template = |i: usize| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::PickTemplate(i)))
    };
    let edit_body = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::EditTemplate(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let reset_template = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::RestoreTemplate))
    };
    let go_to_error = {
        let editor = editor.clone();
        let body = current.body.clone();
        let at = template_error.as_ref().map(|e| (e.line, e.column));
        Callback::from(move |_| {
            if let (Some(area), Some((line, column))) = (editor.cast::<HtmlTextAreaElement>(), at) {
                let offset = utf16_offset(&body, line, column);
                let _ = area.focus();
                let _ = area.set_selection_range(offset, offset + 1);
            }
        })
    };
    let template_tabs = (0..TEMPLATE_COUNT).map(|i| {
        let selected = i == book.selected;
        html! {
            <button type="button" role="tab" id={format!("template-tab-{i}")} aria-selected={selected.to_string()}
                aria-controls="template-panel" tabindex={if selected { "0" } else { "-1" }}
                onclick={pick_template(i)}>{ book.tab_name(i) }</button>
        }
    });
    html! {
        <div class="kdg-template">
            <h2 id="template-heading">{ "Record template" }</h2>
            <div role="tablist" aria-label="Saved templates" class="tabs kdg-tabs">{ for template_tabs }</div>
            <div id="template-panel" role="tabpanel" aria-labelledby={format!("template-tab-{}", book.selected)}>
                <label for="kdg-template-name">{ "Template name" }</label>
                <input id="kdg-template-name" type="text" value={current.name.clone()}
                    oninput={on_text(dispatch, Action::RenameTemplate)} autocomplete="off" />
                <label for="kdg-template">{ "Record template" }</label>
                <textarea id="kdg-template" ref={editor} class="kdg-editor" rows="14" spellcheck="false"
                    value={current.body.clone()} oninput={edit_body}
                    aria-invalid={template_error.is_some().to_string()}
                    aria-describedby={if template_error.is_some() { "kdg-template-error" } else { "kdg-template-help" }} />
                if let Some(e) = &template_error {
                    <p class="kdg-template-error" id="kdg-template-error">
                        <strong>{ format!("Line {}, column {}: ", e.line, e.column) }</strong>
                        { &e.message }
                        { " " }
                        <button type="button" onclick={go_to_error}>{ "Go to error" }</button>
                    </p>
                } else {
                    <p class="help" id="kdg-template-help">
                        { "KDG syntax: {{random.number(50)}}, {{random.arrayElement([\"OK\",\"FAIL\"])}}, {{name.firstName}}, {{date.now(\"YYYY-MM-DD\")}}, {{date.simTime}}…" }
                    </p>
                }
                <button type="button" onclick={reset_template}>{ "Restore this template's default" }</button>
            </div>
        </div>
    }
}
