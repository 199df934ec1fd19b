//! Your progress: what was answered, the last exams, and export, import and reset (which asks
//! first).

use super::{load_progress, now_ms, remove_key, save_progress, EXAM_KEY};
use crate::host::files;
use crate::quiz::Progress;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn ProgressPanel() -> Html {
    let loaded = use_state(load_progress);
    let notice = use_state(|| loaded.1.clone());
    let confirming = use_state(|| false);
    let file_input = use_node_ref();
    let progress = &loaded.0;

    let answered = progress.stats.len();
    let attempts: u32 = progress.stats.values().map(|s| s.attempts).sum();
    let correct: u32 = progress.stats.values().map(|s| s.correct).sum();
    let last_exam = progress.exams.last().map(|e| {
        format!(
            "Last exam: {} of {} correct ({}%).",
            e.report.overall.correct,
            e.report.overall.total,
            e.report.overall.percent()
        )
    });

    let export = {
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| {
            let day = js_sys::Date::new(&(now_ms() as f64).into())
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            files::download(
                &format!("kinesis-sandbox-quiz-{}.json", &day[..day.len().min(10)]),
                "application/json",
                loaded.0.to_json().as_bytes(),
            );
        })
    };
    let choose = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let import = {
        let loaded = loaded.clone();
        let notice = notice.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let loaded = loaded.clone();
            let notice = notice.clone();
            files::read_chosen_file(&input, move |text| {
                let outcome = text.and_then(|t| Progress::from_json(&t).map_err(|e| e.to_string()));
                match outcome {
                    Ok(p) => {
                        let saved = save_progress(&p);
                        notice.set(Some(match saved {
                            Ok(()) => "Quiz progress imported.".to_string(),
                            Err(e) => e,
                        }));
                        loaded.set((p, None));
                    }
                    Err(problem) => notice.set(Some(format!(
                        "The file was not imported: {problem} Your quiz progress is unchanged."
                    ))),
                }
            });
        })
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let reset = {
        let confirming = confirming.clone();
        let loaded = loaded.clone();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let fresh = Progress::default();
            let _ = save_progress(&fresh);
            remove_key(EXAM_KEY);
            loaded.set((fresh, None));
            notice.set(Some("Quiz progress was reset.".into()));
            confirming.set(false);
        })
    };
    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };

    html! {
        <section class="panel quiz-progress" aria-labelledby="progress-title">
            <h2 id="progress-title">{ "Your progress" }</h2>
            if let Some(text) = &*notice {
                <div class="notice" role="alert">
                    <p>{ text }</p>
                    <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <p class="quiz-progress-summary">
                { format!("{} answered ({} in all, {correct} correct). {} finished.", plural(answered, "question"), plural(attempts as usize, "answer"), plural(progress.exams.len(), "exam")) }
                if let Some(text) = last_exam { { " " }{ text } }
            </p>
            <p class="help">{ "Saved in this browser only, apart from the sandbox. Export it to keep a copy or move it to another browser." }</p>
            <div class="inline-form">
                <button type="button" onclick={export}>{ "Export progress" }</button>
                <button type="button" onclick={choose}>{ "Import progress" }</button>
                <input ref={file_input} type="file" accept=".json,application/json" class="visually-hidden"
                    aria-label="Quiz progress file to import" tabindex="-1" onchange={import} />
                <button type="button" class="danger" onclick={ask}>{ "Reset progress" }</button>
            </div>
            if *confirming {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="reset-progress-title">
                    <h2 id="reset-progress-title">{ "Reset quiz progress?" }</h2>
                    <p>{ "Your answers, review schedule and exam history are deleted. The sandbox itself is not touched. Export your progress first to keep a copy." }</p>
                    <div class="dialog-actions">
                        <button type="button" onclick={cancel}>{ "Cancel" }</button>
                        <button type="button" class="danger" onclick={reset}>{ "Reset" }</button>
                    </div>
                </div>
            }
        </section>
    }
}

/// "1 question", "3 questions".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
