//! One bucket: folders by prefix, objects, and an object's content (decompressed, or raw),
//! with Download giving the object's exact bytes as a file.

use super::columnar;
use crate::engine::extension::Extension;
use crate::engine::s3::Encryption;
use crate::host::files;
use crate::ui::components::lazy::{extension_notice, use_extension, ExtensionState};
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::{bytes_text, time_text};
use crate::ui::Route;
use std::io::Read;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BucketBrowserProps {
    pub bucket: AttrValue,
}

/// How an object's bytes were packed, told by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    Plain,
    Gzip,
    Zip,
    Snappy,
    HadoopSnappy,
}

impl Packing {
    /// Whether opening it needs the ZIP and Snappy extension.
    pub fn needs_codecs(self) -> bool {
        matches!(self, Packing::Zip | Packing::Snappy | Packing::HadoopSnappy)
    }

    pub fn detect(key: &str, bytes: &[u8]) -> Self {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            Packing::Gzip
        } else if bytes.starts_with(b"PK\x03\x04") {
            Packing::Zip
        } else if bytes.starts_with(b"\xff\x06\x00\x00sNaPpY") {
            Packing::Snappy
        } else if key.ends_with(".snappy") {
            Packing::HadoopSnappy
        } else {
            Packing::Plain
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Packing::Plain => "not compressed",
            Packing::Gzip => "GZIP",
            Packing::Zip => "ZIP",
            Packing::Snappy => "Snappy (framing format)",
            Packing::HadoopSnappy => "Hadoop-compatible Snappy",
        }
    }
}

/// The object's content, unpacked.
pub fn unpack(key: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match Packing::detect(key, bytes) {
        Packing::Plain => out.extend_from_slice(bytes),
        Packing::Gzip => {
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut out)
                .map_err(|e| format!("Not valid GZIP: {e}"))?;
        }
        // ZIP and Snappy are an extension; the page has fetched it before unpacking.
        Packing::Zip | Packing::Snappy | Packing::HadoopSnappy => {
            let Some(codecs) = crate::engine::extension::codecs() else {
                return Err("ZIP and Snappy are still loading.".to_string());
            };
            let unpack = match Packing::detect(key, bytes) {
                Packing::Zip => codecs.unzip,
                Packing::Snappy => codecs.unsnappy,
                _ => codecs.unhadoop_snappy,
            };
            out = unpack(bytes)?;
        }
    }
    Ok(out)
}

/// How many JSON values follow each other in `text`, if it is nothing but JSON values.
pub fn json_records(text: &str) -> Option<usize> {
    let mut n = 0;
    for v in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
        v.ok()?;
        n += 1;
    }
    (n > 0).then_some(n)
}

/// Bytes as a hex dump: offset, 16 bytes, and their printable characters.
pub fn hex_dump(bytes: &[u8], limit: usize) -> String {
    let mut out = String::new();
    for (row, chunk) in bytes[..bytes.len().min(limit)].chunks(16).enumerate() {
        out.push_str(&format!("{:08x}  ", row * 16));
        for i in 0..16 {
            match chunk.get(i) {
                Some(b) => out.push_str(&format!("{b:02x} ")),
                None => out.push_str("   "),
            }
        }
        out.push(' ');
        out.extend(chunk.iter().map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                b as char
            } else {
                '.'
            }
        }));
        out.push('\n');
    }
    if bytes.len() > limit {
        out.push_str(&format!("… {} more bytes\n", bytes.len() - limit));
    }
    out
}

/// The folder the browser shows, kept in the URL (`#/s3/<bucket>?prefix=2026/11/27/`) so that
/// back, forward and links work.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct BrowseQuery {
    #[serde(default)]
    pub prefix: String,
}

/// Percent-encodes a query value, keeping `/` and the unreserved characters readable.
pub fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The hash link to `prefix` in `bucket` (the whole bucket when `prefix` is empty).
pub fn folder_href(bucket: &str, prefix: &str) -> String {
    let path = format!("#/s3/{}", query_value(bucket));
    if prefix.is_empty() {
        path
    } else {
        format!("{path}?prefix={}", query_value(prefix))
    }
}

fn encryption_text(e: &Encryption) -> String {
    match e {
        Encryption::S3Managed => "SSE-S3 (AES256)".into(),
        Encryption::Kms { key_id } => format!("SSE-KMS ({key_id})"),
    }
}

#[component]
pub fn BucketBrowser(props: &BucketBrowserProps) -> Html {
    let sandbox = use_sandbox();
    let prefix = use_location()
        .and_then(|l| l.query::<BrowseQuery>().ok())
        .map(|q| q.prefix)
        .unwrap_or_default();
    let open = use_state(|| None::<String>);
    {
        // A different folder (a link, back or forward) closes the open object.
        let open = open.clone();
        use_effect_with(prefix.clone(), move |_| open.set(None));
    }
    let raw = use_state(|| false);
    let bucket = props.bucket.to_string();
    // ZIP and Snappy are fetched the first time an object in either is opened.
    let wants_codecs = open.as_ref().is_some_and(|key| {
        sandbox.read(|sb| {
            sb.s3()
                .object(&bucket, key)
                .and_then(|o| o.body.as_ref())
                .is_some_and(|body| Packing::detect(key, body).needs_codecs())
        })
    });
    let codecs = use_extension(Extension::Codecs, wants_codecs);
    // So are Parquet and ORC, the first time such an object is opened.
    let wants_columnar = open.as_ref().is_some_and(|key| {
        sandbox.read(|sb| {
            sb.s3()
                .object(&bucket, key)
                .and_then(|o| o.body.as_ref())
                .is_some_and(|body| columnar::is_columnar(body))
        })
    });
    let columnar_state = use_extension(Extension::Columnar, wants_columnar);
    let listing = sandbox.read(|sb| sb.s3().browse(&bucket, &prefix));
    let Some(listing) = listing else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <h1 id="missing-title">{ "Bucket not found" }</h1>
                <p>{ "The specified bucket does not exist." }</p>
                <p><Link<Route> to={Route::S3}>{ "Back to buckets" }</Link<Route>></p>
            </section>
        };
    };
    let go = |to: &str| folder_href(&bucket, to);
    // The path: bucket › 2026/ › 11/ …
    let mut crumbs = vec![html! { <a href={go("")}>{ &bucket }</a> }];
    let mut acc = String::new();
    for part in prefix.split_terminator('/') {
        acc.push_str(part);
        acc.push('/');
        crumbs.push(html! { <>{ " › " }<a href={go(&acc)}>{ format!("{part}/") }</a></> });
    }

    let object_view = open.as_ref().and_then(|key| {
        let o = sandbox.read(|sb| sb.s3().object(&bucket, key).cloned())?;
        let toggle = |to: bool| {
            let raw = raw.clone();
            Callback::from(move |_: Event| raw.set(to))
        };
        let close = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(None))
        };
        let content = match &o.body {
            None => html! { <p class="warning">{ "The sandbox discarded this object's body to stay within its memory budget; the listing remains." }</p> },
            Some(body) => {
                let packing = Packing::detect(&o.key, body);
                if *raw {
                    let text = match std::str::from_utf8(body) {
                        Ok(t) if packing == Packing::Plain => t.to_string(),
                        _ => hex_dump(body, 4096),
                    };
                    html! { <pre class="object-body" aria-label="Object content">{ text }</pre> }
                } else if columnar::is_columnar(body) {
                    match (
                        extension_notice(Extension::Columnar, columnar_state),
                        crate::engine::extension::columnar(),
                    ) {
                        (Some(notice), _) => notice,
                        (None, None) => extension_notice(Extension::Columnar, ExtensionState::Loading)
                            .unwrap_or_default(),
                        (None, Some(table)) => match (table.preview)(body) {
                            Ok(p) => columnar::view(&p),
                            Err(e) => html! { <p class="warning">{ e }</p> },
                        },
                    }
                } else if let Some(notice) = packing
                    .needs_codecs()
                    .then(|| extension_notice(Extension::Codecs, codecs))
                    .flatten()
                {
                    notice
                } else {
                    match unpack(&o.key, body) {
                        Err(e) => html! { <p class="warning">{ e }</p> },
                        Ok(plain) => {
                            let text = String::from_utf8_lossy(&plain).into_owned();
                            let note = match json_records(&text) {
                                Some(n) if n > 1 && !text.contains("}\n{") => format!(
                                    "{n} JSON records, written back to back with nothing between them: Firehose adds no delimiter, so a reader must split them itself (or the producer must end each record with a newline)."
                                ),
                                Some(n) => format!("{n} JSON record(s)."),
                                None => "Not JSON.".into(),
                            };
                            html! {
                                <>
                                <p class="help">{ format!("Decoded from {}: {} of content. ", packing.label(), bytes_text(plain.len() as u64)) }{ note }</p>
                                <pre class="object-body" aria-label="Object content">{ text }</pre>
                                </>
                            }
                        }
                    }
                }
            }
        };
        let download = o.body.clone().map(|body| {
            let name = o.key.rsplit('/').next().unwrap_or(&o.key).to_string();
            let mime = o.content_type.clone();
            Callback::from(move |_: MouseEvent| files::download(&name, &mime, &body))
        });
        Some(html! {
            <div class="panel object-view" role="region" aria-label="Object">
                <div class="page-header">
                    <h2>{ o.key.rsplit('/').next().unwrap_or(&o.key).to_string() }</h2>
                    if let Some(onclick) = download {
                        <button type="button" class="primary" {onclick}>{ "Download" }</button>
                    }
                    <button type="button" onclick={close}>{ "Close" }</button>
                </div>
                <dl class="details">
                    <dt>{ "Key" }</dt><dd><code>{ &o.key }</code></dd>
                    <dt>{ "Size" }</dt><dd>{ format!("{} ({} bytes)", bytes_text(o.size), o.size) }</dd>
                    <dt>{ "Last modified" }</dt><dd>{ time_text(o.last_modified) }</dd>
                    <dt>{ "Type" }</dt><dd>{ &o.content_type }</dd>
                    <dt>{ "Server-side encryption" }</dt><dd>{ encryption_text(&o.encryption) }</dd>
                </dl>
                <div role="radiogroup" aria-label="Show" class="choices inline">
                    <label class="choice"><input type="radio" name="object-show" checked={!*raw} onchange={toggle(false)} /><span>{ "Decoded" }</span></label>
                    <label class="choice"><input type="radio" name="object-show" checked={*raw} onchange={toggle(true)} /><span>{ "Raw bytes" }</span></label>
                </div>
                { content }
            </div>
        })
    });

    html! {
        <section class="page" aria-labelledby="bucket-title">
            <p class="breadcrumb"><Link<Route> to={Route::S3}>{ "Amazon S3" }</Link<Route>>{ format!(" › {bucket}") }</p>
            <h1 id="bucket-title">{ &bucket }</h1>
            <nav class="s3-path" aria-label="Folder">{ for crumbs }</nav>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Objects and folders" }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Type" }</th>
                    <th scope="col">{ "Size" }</th>
                    <th scope="col">{ "Last modified" }</th>
                    <th scope="col">{ "Encryption" }</th>
                </tr></thead>
                <tbody>
                    if listing.folders.is_empty() && listing.objects.is_empty() {
                        <tr><td colspan="5" class="empty">{ "No objects" }</td></tr>
                    }
                    { for listing.folders.iter().map(|f| {
                        let label = f[prefix.len()..].to_string();
                        html! {
                            <tr>
                                <td><a href={go(f)}>{ label }</a></td>
                                <td>{ "Folder" }</td><td>{ "–" }</td><td>{ "–" }</td><td>{ "–" }</td>
                            </tr>
                        }
                    }) }
                    { for listing.objects.iter().map(|o| {
                        let label = o.key[prefix.len()..].to_string();
                        let onclick = {
                            let (open, key) = (open.clone(), o.key.clone());
                            Callback::from(move |_: MouseEvent| open.set(Some(key.clone())))
                        };
                        html! {
                            <tr>
                                <td><button type="button" class="link" {onclick}>{ label }</button></td>
                                <td>{ "Object" }</td>
                                <td>{ bytes_text(o.size) }</td>
                                <td>{ time_text(o.last_modified) }</td>
                                <td>{ encryption_text(&o.encryption) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { for object_view }
        </section>
    }
}
