//! A text area for code or JSON with a line-number gutter beside it, scrolled with the text.
//! The gutter is visual only: a problem on a line is named in words by the field's description.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The text area's id (a `<label for>` names it).
    pub id: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    #[prop_or(20)]
    pub rows: u32,
    /// The line (from 1) to mark in the gutter.
    #[prop_or_default]
    pub error_line: Option<usize>,
    #[prop_or_default]
    pub invalid: bool,
    /// The id of the text that describes the field (its status).
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    #[prop_or_default]
    pub readonly: bool,
}

#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    // Scroll doesn't bubble: listened to on the text area itself.
    {
        let (area, gutter) = (area.clone(), gutter.clone());
        use_effect_with((), move |_| {
            let listener = area.cast::<HtmlTextAreaElement>().map(|el| {
                let target = el.clone();
                gloo::events::EventListener::new(&el, "scroll", move |_| {
                    if let Some(g) = gutter.cast::<web_sys::Element>() {
                        g.set_scroll_top(target.scroll_top());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let oninput = {
        let on = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            on.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let lines = props.value.split('\n').count().max(1);
    html! {
        <div class="code-editor">
            <div class="line-numbers" aria-hidden="true" ref={gutter}>
                { for (1..=lines).map(|n| html! {
                    <span class={classes!((props.error_line == Some(n)).then_some("error-line"))}>{ n }</span>
                }) }
            </div>
            <textarea id={props.id.clone()} class="code-text" spellcheck="false" wrap="off"
                autocapitalize="off" autocomplete="off" rows={props.rows.to_string()}
                value={props.value.clone()} {oninput} ref={area} readonly={props.readonly}
                aria-invalid={props.invalid.to_string()} aria-describedby={props.describedby.clone()} />
        </div>
    }
}
