//! The top bar: the simulated clock, its controls, and the sandbox's reset/export/import; in
//! embed mode, only the clock and "Open the full sandbox".

use super::components::confirm::{set_to, Confirm};
use super::context::{use_sandbox, Speed};
use crate::engine::{state, Sandbox};
use crate::host::{self, files};
use std::time::Duration;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How far "Step 1 s" moves the clock: one generator tick, one shard-limit second.
pub const STEP: Duration = Duration::from_secs(1);
/// How far "Jump +5 min" moves the clock.
pub const JUMP: Duration = Duration::from_secs(5 * 60);

#[component]
pub fn TopBar() -> Html {
    html! {
        <header class="top-bar">
            <a class="brand" href="#/">{ "Kinesis Sandbox" }</a>
            <ClockControls />
            <SandboxMenu />
        </header>
    }
}

/// The top bar in embed mode: no site chrome, only the clock and a way out to the full
/// sandbox (the same route, in a new tab).
#[component]
pub fn EmbedBar() -> Html {
    // Re-render on every route change so the link follows the learner.
    let _location = yew_router::hooks::use_location();
    let href = host::embed::full_sandbox_href();
    // Save first, so the new tab finds the sandbox as it is now, not as of the last autosave.
    let save_first = {
        let sandbox = use_sandbox();
        Callback::from(move |_: MouseEvent| {
            let settings = sandbox.shared().settings().to_json();
            let _ = sandbox.read(|sb| host::storage::save(sb, &settings));
        })
    };
    html! {
        <div class="top-bar embed-bar">
            <ClockControls />
            <a class="full-sandbox" {href} target="_blank" rel="noopener" onclick={save_first}>{ "Open the full sandbox" }</a>
        </div>
    }
}

/// The simulated clock and its controls: speed, Step 1 s, Jump +5 min.
#[component]
fn ClockControls() -> Html {
    let sandbox = use_sandbox();
    let now = sandbox.read(|sb| sb.now());
    let speed = sandbox.speed();

    let speed_buttons = Speed::ALL.iter().map(|&s| {
        let onclick = {
            let sandbox = sandbox.clone();
            Callback::from(move |_| sandbox.set_speed(s))
        };
        html! {
            <button type="button" class="speed" aria-pressed={(s == speed).to_string()} {onclick}>
                { s.label() }
            </button>
        }
    });
    let step = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| sandbox.advance(STEP))
    };
    let jump = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| sandbox.advance(JUMP))
    };

    let dt = now.to_datetime();
    html! {
        <div class="clock" role="group" aria-label="Simulated clock">
            <time class="clock-time" datetime={now.to_rfc3339()} aria-label="Simulated time" aria-live="off">
                <span class="clock-date">{ dt.format("%Y-%m-%d").to_string() }</span>
                { " " }
                <span class="clock-hms">{ dt.format("%H:%M:%S").to_string() }</span>
                { " UTC" }
            </time>
            { for speed_buttons }
            <button type="button" onclick={step} title="Move the simulated clock forward one second">{ "Step 1 s" }</button>
            <button type="button" onclick={jump}>{ "Jump +5 min" }</button>
        </div>
    }
}

/// Reset, export and import.
#[component]
fn SandboxMenu() -> Html {
    let sandbox = use_sandbox();
    let confirming = use_state(|| false);
    let file_input = use_node_ref();

    let do_reset = {
        let sandbox = sandbox.clone();
        let confirming = confirming.clone();
        Callback::from(move |_| {
            sandbox.replace(Sandbox::new(host::fresh_config()));
            sandbox.set_notice(Some(
                "The sandbox was reset: everything you created is gone and the clock starts again."
                    .into(),
            ));
            confirming.set(false);
        })
    };
    let export = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            let text = sandbox.read(|sb| state::save(sb, &sandbox.shared().settings().to_json()));
            let stamp =
                sandbox.read(|sb| sb.now().to_datetime().format("%Y%m%d-%H%M%S").to_string());
            files::download(
                &format!("kinesis-sandbox-{stamp}.json"),
                "application/json",
                text.as_bytes(),
            );
        })
    };
    let choose_file = {
        let file_input = file_input.clone();
        Callback::from(move |_| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let import = {
        let sandbox = sandbox.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let sandbox = sandbox.clone();
            files::read_chosen_file(&input, move |text| {
                let outcome = text.and_then(|text| state::load(&text).map_err(|e| e.to_string()));
                match outcome {
                    Ok((loaded, settings)) => {
                        sandbox.replace(loaded);
                        sandbox.set_speed(super::context::Settings::from_json(&settings).speed);
                        sandbox.set_notice(Some("Sandbox imported.".into()));
                    }
                    Err(problem) => sandbox.set_notice(Some(format!(
                        "The file was not imported: {problem} Your sandbox is unchanged."
                    ))),
                }
            });
        })
    };

    // Oldest first: the objects "Free space" would delete (half of them, at least one).
    let oldest = sandbox.read(|sb| {
        let mut all: Vec<(crate::engine::SimTime, String, String)> = sb
            .s3()
            .bucket_names()
            .filter_map(|b| sb.s3().bucket(b))
            .flat_map(|b| {
                b.objects
                    .values()
                    .map(|o| (o.last_modified, b.name.clone(), o.key.clone()))
            })
            .collect();
        all.sort();
        let half = all.len().div_ceil(2);
        all.truncate(half);
        all
    });
    let freeing = use_state(|| false);
    let do_free = {
        let sandbox = sandbox.clone();
        let freeing = freeing.clone();
        let oldest = oldest.clone();
        Callback::from(move |_| {
            for (_, bucket, key) in &oldest {
                let _ = sandbox.call(
                    "S3.DeleteObject",
                    serde_json::json!({"Bucket": bucket, "Key": key}),
                );
            }
            sandbox.set_notice(Some(format!(
                "Deleted the {} oldest S3 objects to free space.",
                oldest.len()
            )));
            freeing.set(false);
        })
    };
    let usage = host::storage::usage().map(|(used, quota)| {
        let where_ = if host::storage::in_indexed_db() {
            "IndexedDB"
        } else {
            "localStorage"
        };
        let kept = if host::storage::persisted() {
            ", kept when space runs short"
        } else {
            ""
        };
        // The saves alone where the browser says (the offline copy of the site counts too).
        let saved = host::storage::saved_bytes()
            .filter(|_| host::storage::in_indexed_db())
            .unwrap_or(used);
        format!(
            "Stored in this browser ({where_}{kept}): {} of {}",
            bytes(saved),
            bytes(quota)
        )
    });

    html! {
        <div class="sandbox-menu">
            if let Some(usage) = usage {
                <span class="storage-usage">{ usage }</span>
            }
            if !oldest.is_empty() {
                <button type="button" onclick={set_to(&freeing, true)}>{ "Free space" }</button>
            }
            if *freeing {
                <Confirm id="free-title" title="Delete the oldest S3 objects?"
                    text={format!("The {} oldest S3 objects (half of them) are deleted, in every bucket. Download any you want to keep first.", oldest.len())}
                    confirm="Delete" danger=true
                    on_cancel={set_to(&freeing, false)} on_confirm={do_free} />
            }
            <button type="button" onclick={export}>{ "Export sandbox" }</button>
            <button type="button" onclick={choose_file}>{ "Import sandbox" }</button>
            <input ref={file_input} type="file" accept=".json,application/json" class="visually-hidden"
                aria-label="Sandbox file to import" tabindex="-1" onchange={import} />
            <button type="button" class="danger" onclick={set_to(&confirming, true)}>{ "Reset sandbox" }</button>
            if *confirming {
                <Confirm id="reset-title" title="Reset the sandbox?"
                    text="Every stream, delivery stream, bucket and role you created is deleted, and the clock starts again. Export the sandbox first to keep a copy."
                    confirm="Reset" danger=true
                    on_cancel={set_to(&confirming, false)} on_confirm={do_reset} />
            }
        </div>
    }
}

/// A byte count as the menu shows it: `812 KB`, `12.3 MB`, `1.2 GB`.
fn bytes(n: f64) -> String {
    if n >= 1e9 {
        format!("{:.1} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else {
        format!("{:.0} KB", n / 1e3)
    }
}
