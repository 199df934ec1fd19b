//! Embedding in a course page, the parts that need no browser: the `embed=1` flag read from a
//! URL, the link back to the full sandbox, the messages posted to the parent page, and the
//! `<iframe>` snippet a course author pastes. `host::embed` does the browser side.

use serde_json::{json, Value};

/// The query parameter (in the page's query or in the hash's) that turns embed mode on.
pub const EMBED_PARAM: &str = "embed=1";

/// The prefix of every message type posted to the parent page.
pub const MESSAGE_PREFIX: &str = "kinesis-sandbox:";

/// Something the embedded sandbox tells the page around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedEvent {
    LabStarted {
        lab: String,
    },
    StepCompleted {
        lab: String,
        step: u32,
        steps: u32,
    },
    LabCompleted {
        lab: String,
    },
    QuizScored {
        mode: String,
        correct: u32,
        total: u32,
        percent: u32,
    },
    Resize {
        height: u32,
    },
}

impl EmbedEvent {
    /// The message's `type`: `kinesis-sandbox:lab-started`, `…:step-completed`, ….
    pub fn message_type(&self) -> String {
        let name = match self {
            Self::LabStarted { .. } => "lab-started",
            Self::StepCompleted { .. } => "step-completed",
            Self::LabCompleted { .. } => "lab-completed",
            Self::QuizScored { .. } => "quiz-scored",
            Self::Resize { .. } => "resize",
        };
        format!("{MESSAGE_PREFIX}{name}")
    }

    /// The message posted to the parent: `type` and the fields in camelCase.
    pub fn message(&self) -> Value {
        let kind = self.message_type();
        match self {
            Self::LabStarted { lab } | Self::LabCompleted { lab } => {
                json!({ "type": kind, "lab": lab })
            }
            Self::StepCompleted { lab, step, steps } => {
                json!({ "type": kind, "lab": lab, "step": step, "steps": steps })
            }
            Self::QuizScored {
                mode,
                correct,
                total,
                percent,
            } => json!({
                "type": kind, "mode": mode, "correct": correct, "total": total, "percent": percent
            }),
            Self::Resize { height } => json!({ "type": kind, "height": height }),
        }
    }
}

/// A score as a whole percentage, rounded down (0 of 0 is 0 %).
pub fn percent(correct: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        ((u64::from(correct) * 100) / u64::from(total)) as u32
    }
}

/// The page's query and the hash's query of `url` (either may be empty).
fn queries(url: &str) -> (&str, &str) {
    let (page, hash) = url.split_once('#').unwrap_or((url, ""));
    let page_query = page.split_once('?').map_or("", |(_, q)| q);
    let hash_query = hash.split_once('?').map_or("", |(_, q)| q);
    (page_query, hash_query)
}

fn has_embed(query: &str) -> bool {
    query.split('&').any(|pair| pair == EMBED_PARAM)
}

/// Whether `url` asks for embed mode: `embed=1` in the page's query (`…/?embed=1#/streams`) or
/// in the hash's (`…/#/labs/x/step/2?embed=1`).
pub fn embed_flag(url: &str) -> bool {
    let (page_query, hash_query) = queries(url);
    has_embed(page_query) || has_embed(hash_query)
}

/// `base?query` without the `embed=1` parameter (and without `?` if nothing is left).
fn strip_param(part: &str) -> String {
    let Some((base, query)) = part.split_once('?') else {
        return part.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && *pair != EMBED_PARAM)
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// The same page and route as `url`, out of embed mode: the "Open the full sandbox" link.
pub fn without_embed(url: &str) -> String {
    match url.split_once('#') {
        Some((page, hash)) => format!("{}#{}", strip_param(page), strip_param(hash)),
        None => strip_param(url),
    }
}

/// `route` (`#/labs/x`, `/labs/x` or `labs/x`) as a hash with `embed=1` in its query.
fn embed_hash(route: &str) -> String {
    let path = route.trim().trim_start_matches('#');
    let path = strip_param(path.trim_start_matches('/'));
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("#/{path}{sep}{EMBED_PARAM}")
}

/// Where the app's own navigation from `current` to `next` should go: in embed mode (`embed=1`
/// in `current`), a move to another route of the same page keeps embed mode, so `embed=1` is
/// added to `next`'s hash. `None` when `next` is fine as it is (already embedded, not in embed
/// mode, or another page). An address typed by hand doesn't pass through here, so embed mode
/// follows it.
pub fn keep_embed(current: &str, next: &str) -> Option<String> {
    if !embed_flag(current) || embed_flag(next) {
        return None;
    }
    let (page, hash) = next.split_once('#')?;
    let current_page = current.split_once('#').map_or(current, |(p, _)| p);
    if !page.is_empty() && page != current_page {
        return None;
    }
    let hash = if hash.is_empty() { "/" } else { hash };
    let sep = if hash.contains('?') { '&' } else { '?' };
    Some(format!("{page}#{hash}{sep}{EMBED_PARAM}"))
}

/// Escapes text for a double-quoted HTML attribute.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The code a course author pastes into a course page to embed `route_hash` (e.g.
/// `#/labs/create-stream/step/1`) of the sandbox published at `page_url_without_hash`: an
/// `<iframe>` in embed mode marked `data-kinesis-sandbox`, and the `embed.js` next to the page,
/// which resizes the frame to its content and re-dispatches its messages as DOM events.
pub fn embed_snippet(page_url_without_hash: &str, route_hash: &str) -> String {
    let page = page_url_without_hash
        .split_once('#')
        .map_or(page_url_without_hash, |(page, _)| page);
    let page = strip_param(page);
    let directory = page
        .split_once('?')
        .map_or(page.as_str(), |(path, _)| path)
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    let src = format!("{page}{}", embed_hash(route_hash));
    format!(
        "<iframe src=\"{}\" data-kinesis-sandbox title=\"Kinesis Sandbox lab\" width=\"100%\" \
         height=\"720\" style=\"border:0\" allow=\"clipboard-write\"></iframe>\n\
         <script src=\"{}/embed.js\"></script>",
        attr(&src),
        attr(directory)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_flag_in_the_page_query_or_the_hash_query() {
        assert!(embed_flag("https://x.org/sandbox/?embed=1#/streams"));
        assert!(embed_flag("https://x.org/sandbox/?lang=en&embed=1"));
        assert!(embed_flag("https://x.org/sandbox/#/labs/x/step/2?embed=1"));
        assert!(embed_flag(
            "file:///C:/course/kinesis-sandbox.html#/quiz?a=b&embed=1"
        ));
        assert!(!embed_flag("https://x.org/sandbox/#/labs/x/step/2"));
        assert!(!embed_flag(
            "https://x.org/sandbox/?embed=0#/streams?embed=10"
        ));
        assert!(!embed_flag("https://x.org/sandbox/#/streams/embed=1"));
        assert!(!embed_flag(""));
    }

    #[test]
    fn without_embed_keeps_the_route_and_other_parameters() {
        assert_eq!(
            without_embed("https://x.org/s/#/labs/x/step/2?embed=1"),
            "https://x.org/s/#/labs/x/step/2"
        );
        assert_eq!(
            without_embed("https://x.org/s/?embed=1&lang=en#/quiz?embed=1&n=2"),
            "https://x.org/s/?lang=en#/quiz?n=2"
        );
        assert_eq!(
            without_embed("https://x.org/s/index.html?embed=1"),
            "https://x.org/s/index.html"
        );
        assert_eq!(without_embed("https://x.org/s/#/"), "https://x.org/s/#/");
    }

    #[test]
    fn the_apps_own_navigation_keeps_embed_mode() {
        let here = "https://x.org/s/#/labs/x/step/1?embed=1";
        assert_eq!(
            keep_embed(here, "https://x.org/s/#/streams/create").as_deref(),
            Some("https://x.org/s/#/streams/create?embed=1")
        );
        assert_eq!(
            keep_embed(here, "#/quiz?n=2").as_deref(),
            Some("#/quiz?n=2&embed=1")
        );
        assert_eq!(
            keep_embed(here, "https://x.org/s/#").as_deref(),
            Some("https://x.org/s/#/?embed=1")
        );
        // Already embedded, not embedded now, another page: left alone.
        assert_eq!(keep_embed(here, "https://x.org/s/#/quiz?embed=1"), None);
        assert_eq!(
            keep_embed("https://x.org/s/#/streams", "https://x.org/s/#/quiz"),
            None
        );
        assert_eq!(keep_embed(here, "https://y.org/#/quiz"), None);
        assert_eq!(keep_embed(here, "https://x.org/s/other.html"), None);
        // embed=1 in the page's query stays with the page: nothing to add.
        assert_eq!(
            keep_embed("https://x.org/s/?embed=1#/a", "https://x.org/s/?embed=1#/b"),
            None
        );
    }

    #[test]
    fn the_snippet_embeds_the_route_and_loads_embed_js_beside_the_page() {
        let snippet = embed_snippet(
            "https://courses.example.org/kinesis/",
            "#/labs/create-stream/step/2",
        );
        assert_eq!(
            snippet,
            "<iframe src=\"https://courses.example.org/kinesis/#/labs/create-stream/step/2?embed=1\" \
             data-kinesis-sandbox title=\"Kinesis Sandbox lab\" width=\"100%\" height=\"720\" \
             style=\"border:0\" allow=\"clipboard-write\"></iframe>\n\
             <script src=\"https://courses.example.org/kinesis/embed.js\"></script>"
        );
    }

    #[test]
    fn the_snippet_normalises_the_route_and_escapes_attributes() {
        let snippet = embed_snippet(
            "https://x.org/a/index.html?embed=1&v=\"2\"#/old",
            "/quiz/practice?embed=1&topic=kds",
        );
        assert!(snippet.contains(
            "src=\"https://x.org/a/index.html?v=&quot;2&quot;#/quiz/practice?topic=kds&amp;embed=1\""
        ));
        assert!(snippet.ends_with("<script src=\"https://x.org/a/embed.js\"></script>"));
        assert_eq!(snippet.matches("embed=1").count(), 1);
        let bare = embed_snippet("https://x.org/s/", "labs/x");
        assert!(bare.contains("src=\"https://x.org/s/#/labs/x?embed=1\""));
    }

    #[test]
    fn messages_carry_their_type_and_camel_case_fields() {
        let scored = EmbedEvent::QuizScored {
            mode: "exam".into(),
            correct: 4,
            total: 5,
            percent: percent(4, 5),
        };
        assert_eq!(
            scored.message(),
            json!({"type": "kinesis-sandbox:quiz-scored", "mode": "exam", "correct": 4, "total": 5, "percent": 80})
        );
        let step = EmbedEvent::StepCompleted {
            lab: "create-stream".into(),
            step: 2,
            steps: 4,
        };
        assert_eq!(
            step.message(),
            json!({"type": "kinesis-sandbox:step-completed", "lab": "create-stream", "step": 2, "steps": 4})
        );
        assert_eq!(
            EmbedEvent::Resize { height: 812 }.message(),
            json!({"type": "kinesis-sandbox:resize", "height": 812})
        );
        assert_eq!(
            EmbedEvent::LabStarted { lab: "a".into() }.message_type(),
            "kinesis-sandbox:lab-started"
        );
        assert_eq!(
            EmbedEvent::LabCompleted { lab: "a".into() }.message()["type"],
            "kinesis-sandbox:lab-completed"
        );
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(0, 0), 0);
    }
}
