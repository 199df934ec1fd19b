//! Draws a lab text's Markdown (parsed in `labs::markdown`) as elements.

use crate::labs::markdown::{parse, Block, Inline};
use yew::prelude::*;

/// One line of Markdown's inline styles, for a heading or a lead paragraph.
pub fn inline_text(text: &str) -> Html {
    inline(&crate::labs::markdown::inline(text))
}

fn inline(runs: &[Inline]) -> Html {
    runs.iter()
        .map(|run| match run {
            Inline::Text(t) => html! { { t.clone() } },
            Inline::Strong(t) => html! { <strong>{ t.clone() }</strong> },
            Inline::Emphasis(t) => html! { <em>{ t.clone() }</em> },
            Inline::Code(t) => html! { <code>{ t.clone() }</code> },
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct MarkdownProps {
    pub text: AttrValue,
}

#[component]
pub fn Markdown(props: &MarkdownProps) -> Html {
    parse(&props.text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(runs) => html! { <p>{ inline(runs) }</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|runs| html! { <li>{ inline(runs) }</li> }) }</ul>
            },
            Block::Code(code) => {
                html! { <pre class="lab-code"><code>{ code.clone() }</code></pre> }
            }
        })
        .collect()
}
