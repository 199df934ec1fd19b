//! An AWS error as the console shows it: the error type and AWS's own message.

use crate::engine::ApiError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ApiErrorProps {
    pub error: ApiError,
}

#[component]
pub fn ApiErrorAlert(props: &ApiErrorProps) -> Html {
    let e = &props.error;
    html! {
        <div class="api-error" role="alert">
            <strong>{ e.error_type() }</strong>
            if let Some(message) = e.message() {
                <p>{ message }</p>
            }
        </div>
    }
}
