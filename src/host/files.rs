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

/// Reads the first file chosen in `input` as bytes, then calls `done` with its name and bytes
/// (or an error sentence), and clears the input so the same file can be chosen again.
pub fn read_chosen_file_bytes(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(Result<(String, Vec<u8>), String>) + 'static,
) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    let file = gloo::file::File::from(file);
    yew::platform::spawn_local(async move {
        let bytes = gloo::file::futures::read_as_bytes(&file).await;
        done(
            bytes
                .map(|b| (file.name(), b))
                .map_err(|e| format!("The file could not be read ({e}).")),
        );
    });
}

/// Offers an SVG drawing as a PNG download named `file_name`: the SVG is drawn into a canvas
/// at twice its size (sharp on high-density screens), which is then encoded as PNG.
pub fn download_svg_as_png(svg: &str, width: f64, height: f64, file_name: &str) {
    let blob = gloo::file::Blob::new_with_options(svg.as_bytes(), Some("image/svg+xml"));
    let url = gloo::file::ObjectUrl::from(blob);
    // The closure keeps the URL alive until the image has loaded.
    let src = url.to_string();
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let file_name = file_name.to_string();
    let drawn = image.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let scale = 2.0;
        let document = gloo::utils::document();
        let Some(canvas) = document
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((width * scale).round() as u32);
        canvas.set_height((height * scale).round() as u32);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = context.scale(scale, scale);
        if context
            .draw_image_with_html_image_element(&drawn, 0.0, 0.0)
            .is_err()
        {
            return;
        }
        let Ok(data_url) = canvas.to_data_url_with_type("image/png") else {
            return;
        };
        let encoded = data_url.split_once(',').map_or("", |(_, b)| b);
        use base64::Engine as _;
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(encoded) {
            download(&file_name, "image/png", &bytes);
        }
        drop(url);
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&src);
}
