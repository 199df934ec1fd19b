//! The "are you sure?" dialog that guards a change the learner can't take back.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    /// The heading's id, which names the dialog.
    pub id: AttrValue,
    pub title: AttrValue,
    /// What will happen.
    pub text: AttrValue,
    /// The confirming button's text.
    pub confirm: AttrValue,
    /// Draw the confirming button as destructive rather than primary.
    #[prop_or_default]
    pub danger: bool,
    pub on_cancel: Callback<MouseEvent>,
    pub on_confirm: Callback<MouseEvent>,
    /// More detail under the text (a list of what changes).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    let class = if props.danger { "danger" } else { "primary" };
    html! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={props.id.clone()}>
            <h2 id={props.id.clone()}>{ props.title.clone() }</h2>
            <p>{ props.text.clone() }</p>
            { props.children.clone() }
            <div class="dialog-actions">
                <button type="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
                <button type="button" {class} onclick={props.on_confirm.clone()}>{ props.confirm.clone() }</button>
            </div>
        </div>
    }
}

/// A callback that sets a yes/no state, for opening and closing a [`Confirm`].
pub fn set_to<E>(state: &UseStateHandle<bool>, to: bool) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |_| state.set(to))
}
