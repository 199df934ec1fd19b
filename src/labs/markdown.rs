//! The Markdown that lab texts use, parsed into blocks the UI draws as elements (never as raw
//! HTML): paragraphs, `-` lists, fenced code, and inline `**strong**`, `*emphasis*` and
//! `` `code` ``.

/// A run of text with its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Emphasis(String),
    Code(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Code(String),
}

/// Splits a line's text into styled runs. An unclosed marker is kept as text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let marker = ["**", "`", "*"].into_iter().find(|m| rest.starts_with(m));
        if let Some(m) = marker {
            if let Some(end) = rest[m.len()..].find(m).filter(|e| *e > 0) {
                let inner = rest[m.len()..m.len() + end].to_string();
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(match m {
                    "**" => Inline::Strong(inner),
                    "`" => Inline::Code(inner),
                    _ => Inline::Emphasis(inner),
                });
                rest = &rest[m.len() * 2 + end..];
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// Parses a text into blocks: blank lines end paragraphs, `- ` starts a list item, ``` fences
/// code.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<Vec<Inline>> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |para: &mut Vec<&str>, list: &mut Vec<Vec<Inline>>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines() {
        if let Some(lines) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(Block::Code(lines.join("\n")));
                code = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut para, &mut list, &mut blocks);
            code = Some(Vec::new());
        } else if trimmed.is_empty() {
            flush(&mut para, &mut list, &mut blocks);
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            if !para.is_empty() {
                blocks.push(Block::Paragraph(inline(&para.join(" "))));
                para.clear();
            }
            list.push(inline(item));
        } else if !list.is_empty() && line.starts_with("  ") {
            // A continuation line of the last item.
            if let Some(last) = list.last_mut() {
                last.push(Inline::Text(" ".into()));
                last.extend(inline(trimmed));
            }
        } else {
            if !list.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut list)));
            }
            para.push(trimmed);
        }
    }
    if let Some(lines) = code {
        blocks.push(Block::Code(lines.join("\n")));
    }
    flush(&mut para, &mut list, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_styles() {
        assert_eq!(
            inline("Open **Kinesis → Create** and *see* `x = 1`."),
            vec![
                Inline::Text("Open ".into()),
                Inline::Strong("Kinesis → Create".into()),
                Inline::Text(" and ".into()),
                Inline::Emphasis("see".into()),
                Inline::Text(" ".into()),
                Inline::Code("x = 1".into()),
                Inline::Text(".".into()),
            ]
        );
        assert_eq!(inline("2 * 3"), vec![Inline::Text("2 * 3".into())]);
    }

    #[test]
    fn blocks() {
        let text = "First line\nsame paragraph.\n\n- one\n- **two**\n  more\n\n```\n{ \"a\": 1 }\n```\nAfter.";
        assert_eq!(
            parse(text),
            vec![
                Block::Paragraph(vec![Inline::Text("First line same paragraph.".into())]),
                Block::List(vec![
                    vec![Inline::Text("one".into())],
                    vec![
                        Inline::Strong("two".into()),
                        Inline::Text(" ".into()),
                        Inline::Text("more".into())
                    ],
                ]),
                Block::Code("{ \"a\": 1 }".into()),
                Block::Paragraph(vec![Inline::Text("After.".into())]),
            ]
        );
    }
}
