//! The Code tab: the handler's file in an editor, "Changes not deployed" while it differs from
//! the function's code, and Deploy (`UpdateFunctionCode` with a new ZIP).

use crate::engine::lambda::{blueprints, Function};
use crate::engine::{ApiError, ErrorKind};
use crate::forms::lambda::{update_code_request, zip_file};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::code_editor::CodeEditor;
use crate::ui::context::use_sandbox;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CodeTabProps {
    pub function: Function,
    /// The learner's edit of the handler's file, kept while other tabs are open; `None` shows
    /// the deployed code.
    pub draft: UseStateHandle<Option<String>>,
}

/// The handler's file and its deployed text; a handler that names a file the package lacks
/// gets `<module>.mjs`, empty.
pub fn handler_file(f: &Function) -> (String, String) {
    match f.handler_file() {
        Some((file, _)) => (file.to_string(), f.files[file].clone()),
        None => {
            let module = f.handler.rsplit_once('.').map_or("index", |(m, _)| m);
            (format!("{module}.mjs"), String::new())
        }
    }
}

#[component]
pub fn CodeTab(props: &CodeTabProps) -> Html {
    let sandbox = use_sandbox();
    let f = &props.function;
    let (file, deployed) = handler_file(f);
    let draft = props.draft.clone();
    let text = draft.as_ref().unwrap_or(&deployed).clone();
    let error = use_state(|| None::<ApiError>);
    let deployed_now = use_state(|| false);
    let changed = text != deployed;
    let oninput = {
        let (draft, deployed_now, error) = (draft.clone(), deployed_now.clone(), error.clone());
        Callback::from(move |value: String| {
            deployed_now.set(false);
            error.set(None);
            draft.set(Some(value));
        })
    };
    let deploy = {
        let (sandbox, draft, error, deployed_now) = (
            sandbox.clone(),
            draft.clone(),
            error.clone(),
            deployed_now.clone(),
        );
        let text = text.clone();
        let (name, file) = (f.name.clone(), file.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(zip) = zip_file(&file, &text) else {
                error.set(Some(ApiError::new(
                    ErrorKind::ServiceException,
                    "The ZIP writer is still loading; try again in a moment.",
                )));
                return;
            };
            match sandbox.send(update_code_request(&name, &zip)) {
                Ok(_) => {
                    error.set(None);
                    draft.set(None);
                    deployed_now.set(true);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let others: Vec<&String> = f.files.keys().filter(|k| **k != file).collect();
    let blueprint = f.blueprint.as_deref().and_then(blueprints::by_id);
    html! {
        <div class="panel">
            <div class="page-header">
                <h2>{ "Code source" }</h2>
                if changed {
                    <span class="warning" role="status">{ "Changes not deployed" }</span>
                }
                <button type="button" class="primary" onclick={deploy} disabled={!changed}>{ "Deploy" }</button>
            </div>
            if *deployed_now && !changed {
                <p class="success" role="status">{ format!("Successfully updated the function {}.", f.name) }</p>
            }
            if let Some(e) = &*error { <ApiErrorAlert error={e.clone()} /> }
            <label for="lambda-code">{ file.clone() }</label>
            <CodeEditor id="lambda-code" value={text.clone()} {oninput} rows={22}
                describedby={Some(AttrValue::from("lambda-code-help"))} />
            <p class="help" id="lambda-code-help">
                { format!("Handler {}: Lambda calls the function exported as {} from {file}.", f.handler,
                    f.handler.rsplit_once('.').map_or("handler", |(_, e)| e)) }
                if let Some(b) = blueprint {
                    { format!(" From the blueprint {} ({}), unedited.", b.title, b.id) }
                }
            </p>
            if !others.is_empty() {
                <p class="help">
                    { format!("Other files in the package: {}. Deploy makes a package of {file} alone.",
                        others.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")) }
                </p>
            }
        </div>
    }
}
