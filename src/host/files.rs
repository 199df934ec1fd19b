//! Export and import of the sandbox as a `.json` file.

use wasm_bindgen::JsCast;

/// Offers `text` to the learner as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(anchor) = document.create_element("a") else {
        return;
    };
    let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // Revoke later: some browsers start the download after this call returns.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

/// Reads the first file chosen in `input` as text, then calls `done` with it (or an error
/// sentence), and clears the input so the same file can be chosen again.
pub fn read_chosen_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    let file = gloo::file::File::from(file);
    yew::platform::spawn_local(async move {
        let text = gloo::file::futures::read_as_text(&file).await;
        done(text.map_err(|e| format!("The file could not be read ({e}).")));
    });
}
