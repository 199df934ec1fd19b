//! Template engine tests: parsing, every helper, errors and their positions.

use super::*;
use crate::engine::SandboxRng;

pub use super::SENSOR_TEMPLATE as SENSOR;

fn ctx() -> RenderContext {
    RenderContext::at(SimTime::from_rfc3339("2014-09-08T08:02:17Z").unwrap())
}

fn render_seeded(template: &str, seed: u64) -> String {
    let t = Template::compile(template).unwrap_or_else(|e| panic!("{template}: {e}"));
    t.render(&ctx(), &mut SandboxRng::seed_from_u64(seed))
}

fn render(template: &str) -> String {
    render_seeded(template, 7)
}

fn samples(template: &str, n: usize) -> Vec<String> {
    let t = Template::compile(template).unwrap_or_else(|e| panic!("{template}: {e}"));
    let mut rng = SandboxRng::seed_from_u64(11);
    (0..n).map(|_| t.render(&ctx(), &mut rng)).collect()
}

fn error(template: &str) -> TemplateError {
    Template::compile(template).expect_err(template)
}

#[test]
fn the_notes_sensor_template_is_in_the_seed_text() {
    let notes = std::fs::read_dir("/work/shared/seed")
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .and_then(|e| std::fs::read_to_string(e.path()).ok());
    if let Some(notes) = notes {
        assert!(
            notes.contains(SENSOR),
            "the sensor template differs from the notes"
        );
    }
}

#[test]
fn sensor_template_gives_valid_json_in_range_for_100k_records() {
    let t = Template::compile(SENSOR).unwrap();
    assert_eq!(t.calls(), 3);
    let mut rng = SandboxRng::seed_from_u64(2026);
    let mut seen_status = std::collections::BTreeSet::new();
    let (mut min_t, mut max_t, mut max_id) = (i64::MAX, i64::MIN, 0);
    let mut out = String::new();
    for _ in 0..100_000 {
        out.clear();
        t.render_into(&ctx(), &mut rng, &mut out);
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
        let id = v["sensorId"].as_i64().unwrap();
        let temp = v["currentTemperature"].as_i64().unwrap();
        assert!((0..=50).contains(&id), "{out}");
        assert!((10..=150).contains(&temp), "{out}");
        max_id = max_id.max(id);
        min_t = min_t.min(temp);
        max_t = max_t.max(temp);
        seen_status.insert(v["status"].as_str().unwrap().to_string());
        assert_eq!(v.as_object().unwrap().len(), 3);
    }
    // Inclusive bounds are reached.
    assert_eq!((max_id, min_t, max_t), (50, 10, 150));
    assert_eq!(
        seen_status.into_iter().collect::<Vec<_>>(),
        ["FAIL", "OK", "WARN"]
    );
    // Newlines removed, the JSON spacing kept as KDG sends it.
    assert!(out.starts_with("{      \"sensorId\": "), "{out}");
}

#[test]
fn same_seed_same_records() {
    let a = samples(SENSOR, 50);
    let b = samples(SENSOR, 50);
    assert_eq!(a, b);
    assert_ne!(render_seeded(SENSOR, 1), render_seeded(SENSOR, 2));
    let rich =
        "{{name.firstName}} {{internet.ip}} {{random.uuid}} {{lorem.sentence}} {{date.past}}";
    assert_eq!(render_seeded(rich, 5), render_seeded(rich, 5));
}

#[test]
fn cleaning_follows_kdg() {
    // Trimmed, `\n` removed (but not other whitespace), legacy timestamp alias.
    assert_eq!(render("  \n a\nb \t\n"), "ab");
    assert_eq!(render("x\r\ny"), "x\ry");
    assert_eq!(render("{{current.timestamp}}"), "2014-09-08T08:02:17+00:00");
    assert_eq!(render("plain text, no tags"), "plain text, no tags");
    assert_eq!(render(""), "");
    // Nested JSON and stray braces are literal.
    assert_eq!(
        render("{\"a\":{\"b\":{{random.number(0)}}}}"),
        "{\"a\":{\"b\":0}}"
    );
    // A tag split over lines, even inside its braces.
    assert_eq!(render("{\n{random.number(\n0\n)}\n}"), "0");
    // Spaces just inside the braces are allowed.
    assert_eq!(render("{{ random.number(0) }}"), "0");
}

#[test]
fn arguments_are_json_or_raw_text() {
    assert_eq!(render("{{date.now(\"YYYY-MM-DD\")}}"), "2014-09-08");
    assert_eq!(render("{{date.now(YYYY-MM-DD)}}"), "2014-09-08");
    assert_eq!(render("{{date.now({\"format\":\"YYYY\"})}}"), "2014");
    // JSON arguments may hold parentheses and braces.
    let v = samples("{{random.arrayElement([\"a)\", \"}}b\"])}}", 50);
    assert!(v.iter().all(|s| s == "a)" || s == "}}b"), "{v:?}");
    // Array elements become strings as JavaScript prints them.
    let v = samples(
        "{{random.arrayElement([1.5, true, null, [1,2], {\"a\":1}])}}",
        200,
    );
    for want in ["1.5", "true", "null", "1,2", "[object Object]"] {
        assert!(v.iter().any(|s| s == want), "{want} in {v:?}");
    }
}

#[test]
fn random_number_is_inclusive_with_min_max_precision() {
    let v = samples("{{random.number}}", 2000);
    assert!(v
        .iter()
        .all(|s| (0..=99999).contains(&s.parse::<i64>().unwrap())));
    let v = samples("{{random.number(3)}}", 500);
    for want in ["0", "1", "2", "3"] {
        assert!(v.iter().any(|s| s == want));
    }
    assert!(v.iter().all(|s| ["0", "1", "2", "3"].contains(&s.as_str())));
    let v = samples("{{random.number({\"min\":-5,\"max\":-3})}}", 300);
    assert!(
        v.iter().all(|s| ["-5", "-4"].contains(&s.as_str())),
        "{v:?}"
    );
    let v = samples(
        "{{random.number({\"min\":1,\"max\":2,\"precision\":0.25})}}",
        500,
    );
    let allowed = ["1", "1.25", "1.5", "1.75", "2"];
    assert!(v.iter().all(|s| allowed.contains(&s.as_str())), "{v:?}");
    for want in allowed {
        assert!(v.iter().any(|s| s == want), "{want}");
    }
    let v = samples("{{random.number({\"max\":1,\"precision\":0.01})}}", 500);
    for s in &v {
        let f: f64 = s.parse().unwrap();
        assert!((0.0..=1.0).contains(&f) && s.len() <= 4, "{s}");
    }
    assert_eq!(render("{{random.number({\"min\":7,\"max\":7})}}"), "7");
}

#[test]
fn random_pickers() {
    let v = samples("{{random.arrayElement([\"OK\",\"FAIL\",\"WARN\"])}}", 300);
    for want in ["OK", "FAIL", "WARN"] {
        assert!(v.iter().any(|s| s == want));
    }
    let v = samples("{{random.objectElement({\"a\":\"x\",\"b\":\"y\"})}}", 100);
    assert!(v.iter().all(|s| s == "x" || s == "y") && v.iter().any(|s| s == "x"));
    let v = samples("{{random.arrayElements([1,2,3,4])}}", 300);
    for s in &v {
        let mut parts: Vec<&str> = s.split(',').collect();
        assert!((1..=4).contains(&parts.len()), "{s}");
        parts.sort();
        parts.dedup();
        assert_eq!(parts.len(), s.split(',').count(), "distinct: {s}");
    }
    let v = samples("{{helpers.shuffle([1,2,3])}}", 100);
    assert!(v.iter().all(|s| s.len() == 5));
    assert!(v.iter().collect::<std::collections::BTreeSet<_>>().len() > 3);
    assert_eq!(render("{{helpers.randomize([\"only\"])}}"), "only");
    let v = samples("{{random.boolean}}", 100);
    assert!(v.iter().any(|s| s == "true") && v.iter().any(|s| s == "false"));
    assert!(v.iter().all(|s| s == "true" || s == "false"));
}

#[test]
fn weighted_array_element_follows_the_weights() {
    let v = samples(
        "{{random.weightedArrayElement({\"weights\":[0.3,0.2,0.5],\"data\":[\"cat\",\"fish\",\"dog\"]})}}",
        20_000,
    );
    let share = |w: &str| v.iter().filter(|s| *s == w).count() as f64 / v.len() as f64;
    assert!((share("cat") - 0.3).abs() < 0.015, "{}", share("cat"));
    assert!((share("fish") - 0.2).abs() < 0.015);
    assert!((share("dog") - 0.5).abs() < 0.015);
    // Weights need not sum to 1; a zero weight is never picked.
    let v = samples(
        "{{random.weightedArrayElement({\"weights\":[3,0,1],\"data\":[\"a\",\"b\",\"c\"]})}}",
        4000,
    );
    assert!(!v.iter().any(|s| s == "b"));
    let a = v.iter().filter(|s| *s == "a").count() as f64 / 4000.0;
    assert!((a - 0.75).abs() < 0.03, "{a}");
}

#[test]
fn uuid_is_rfc4122_v4() {
    for u in samples("{{random.uuid}}", 200) {
        let b = u.as_bytes();
        assert_eq!(u.len(), 36, "{u}");
        for i in [8, 13, 18, 23] {
            assert_eq!(b[i], b'-');
        }
        assert_eq!(b[14], b'4', "{u}");
        assert!(matches!(b[19], b'8' | b'9' | b'a' | b'b'), "{u}");
        assert!(u
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}

#[test]
fn character_helpers() {
    let s = render("{{random.alphaNumeric(12)}}");
    assert_eq!(s.len(), 12);
    assert!(s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    assert_eq!(render("{{random.alphaNumeric}}").len(), 1);
    let h = render("{{random.hexaDecimal(4)}}");
    assert!(h.starts_with("0x") && h.len() == 6, "{h}");
    let a = render("{{finance.account}}");
    assert!(a.len() == 8 && a.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(render("{{finance.account(3)}}").len(), 3);
    let m = render("{{finance.mask}}");
    assert!(
        m.starts_with("(...") && m.ends_with(')') && m.len() == 9,
        "{m}"
    );
    let p = render("{{helpers.replaceSymbolWithNumber(\"##-?*\")}}");
    assert!(
        p.ends_with("-?*") && p[..2].chars().all(|c| c.is_ascii_digit()),
        "{p}"
    );
    let p = render("{{helpers.replaceSymbols(\"?#\")}}");
    assert!(p.as_bytes()[0].is_ascii_uppercase() && p.as_bytes()[1].is_ascii_digit());
    assert_eq!(
        render("{{helpers.slugify(\"Hello World!\")}}"),
        "Hello-World"
    );
}

#[test]
fn money_helpers() {
    for s in samples("{{commerce.price}}", 200) {
        let (whole, cents) = s.split_once('.').unwrap();
        assert_eq!(cents, "00", "{s}");
        assert!((1..=1000).contains(&whole.parse::<i64>().unwrap()));
    }
    for s in samples(
        "{{finance.amount({\"min\":5,\"max\":6,\"dec\":2,\"symbol\":\"$\"})}}",
        200,
    ) {
        let f: f64 = s.strip_prefix('$').unwrap().parse().unwrap();
        assert!((5.0..=6.0).contains(&f), "{s}");
        assert_eq!(s.split_once('.').unwrap().1.len(), 2, "{s}");
    }
}

#[test]
fn date_helpers_use_the_virtual_clock() {
    assert_eq!(render("{{date.now}}"), "2014-09-08T08:02:17+00:00");
    assert_eq!(render("{{date.utc}}"), "2014-09-08T08:02:17Z");
    assert_eq!(
        render("{{date.now(\"dddd, MMMM Do YYYY, h:mm:ss a\")}}"),
        "Monday, September 8th 2014, 8:02:17 am"
    );
    assert_eq!(render("{{date.utc(\"ddd, hA\")}}"), "Mon, 8AM");
    assert_eq!(
        render("{{date.now(\"DD/MMM/YYYY:HH:mm:ss Z\")}}"),
        "08/Sep/2014:08:02:17 +00:00"
    );
    let t = Template::compile("{{date.simTime(\"YYYY-MM-DD HH:mm\")}} {{date.now(\"HH:mm\")}}")
        .unwrap();
    let sim = RenderContext {
        now: ctx().now,
        sim_time: SimTime::from_rfc3339("2020-02-03T04:05:00Z").unwrap(),
    };
    assert_eq!(
        t.render(&sim, &mut SandboxRng::seed_from_u64(0)),
        "2020-02-03 04:05 08:02"
    );
    let parse_js = |s: &str| {
        chrono::NaiveDateTime::parse_from_str(
            s.trim_end_matches(" GMT+0000 (Coordinated Universal Time)"),
            "%a %b %d %Y %H:%M:%S",
        )
        .unwrap_or_else(|e| panic!("{s}: {e}"))
        .and_utc()
        .timestamp()
    };
    let now = ctx().now.epoch_millis() / 1000;
    for s in samples("{{date.past}}", 100) {
        let t = parse_js(&s);
        assert!(t < now && t >= now - 365 * 86_400, "{s}");
    }
    for s in samples("{{date.future(2)}}", 100) {
        let t = parse_js(&s);
        assert!(t > now && t <= now + 2 * 365 * 86_400, "{s}");
    }
    for s in samples("{{date.recent}}", 100) {
        let t = parse_js(&s);
        assert!(t < now && t >= now - 86_400, "{s}");
    }
    for s in samples("{{date.between([\"2020-01-01\",\"2020-01-02\"])}}", 100) {
        assert!(
            s.starts_with("Wed Jan 01 2020") || s.starts_with("Thu Jan 02 2020 00:00:00"),
            "{s}"
        );
    }
    let months = samples("{{date.month}}", 200);
    assert!(months.iter().any(|m| m == "January"));
    assert!(months
        .iter()
        .all(|m| m.len() >= 3 && m.chars().next().unwrap().is_uppercase()));
    let days = samples("{{date.weekday({\"abbr\":true})}}", 100);
    assert!(days.iter().all(|d| d.len() == 3));
}

#[test]
fn every_module_renders() {
    let tags = [
        "name.firstName",
        "name.lastName",
        "name.findName",
        "name.jobTitle",
        "name.prefix",
        "name.suffix",
        "name.title",
        "name.jobDescriptor",
        "name.jobArea",
        "name.jobType",
        "internet.email",
        "internet.exampleEmail",
        "internet.userName",
        "internet.protocol",
        "internet.url",
        "internet.domainName",
        "internet.domainSuffix",
        "internet.domainWord",
        "internet.ip",
        "internet.ipv6",
        "internet.userAgent",
        "internet.color",
        "internet.mac",
        "internet.password",
        "internet.avatar",
        "address.zipCode",
        "address.city",
        "address.cityPrefix",
        "address.citySuffix",
        "address.streetName",
        "address.streetAddress",
        "address.streetSuffix",
        "address.streetPrefix",
        "address.secondaryAddress",
        "address.county",
        "address.country",
        "address.countryCode",
        "address.state",
        "address.stateAbbr",
        "address.latitude",
        "address.longitude",
        "commerce.color",
        "commerce.department",
        "commerce.productName",
        "commerce.price",
        "commerce.productAdjective",
        "commerce.productMaterial",
        "commerce.product",
        "company.suffixes",
        "company.companyName",
        "company.companySuffix",
        "company.catchPhrase",
        "company.bs",
        "company.catchPhraseAdjective",
        "company.catchPhraseDescriptor",
        "company.catchPhraseNoun",
        "company.bsAdjective",
        "company.bsBuzz",
        "company.bsNoun",
        "finance.account",
        "finance.accountName",
        "finance.mask",
        "finance.amount",
        "finance.transactionType",
        "finance.currencyCode",
        "finance.currencyName",
        "finance.currencySymbol",
        "finance.bitcoinAddress",
        "finance.bic",
        "hacker.abbreviation",
        "hacker.adjective",
        "hacker.noun",
        "hacker.verb",
        "hacker.ingverb",
        "hacker.phrase",
        "lorem.word",
        "lorem.words",
        "lorem.sentence",
        "lorem.slug",
        "lorem.sentences",
        "lorem.paragraph",
        "lorem.paragraphs",
        "lorem.text",
        "lorem.lines",
        "phone.phoneNumber",
        "phone.phoneNumberFormat",
        "phone.phoneFormats",
        "system.fileName",
        "system.commonFileName",
        "system.mimeType",
        "system.commonFileType",
        "system.commonFileExt",
        "system.fileType",
        "system.fileExt",
        "system.directoryPath",
        "system.filePath",
        "system.semver",
        "random.word",
        "random.words",
        "random.locale",
        "random.image",
        "image.image",
        "image.avatar",
        "image.imageUrl",
        "image.cats",
        "date.month",
        "date.weekday",
    ];
    for tag in tags {
        let v = samples(&format!("{{{{{tag}}}}}"), 20);
        assert!(v.iter().all(|s| !s.is_empty()), "{tag}: {v:?}");
        assert!(!v.iter().any(|s| s.contains("{{")), "{tag}");
    }
}

#[test]
fn helper_values_look_right() {
    for ip in samples("{{internet.ip}}", 50) {
        assert!(ip.parse::<std::net::Ipv4Addr>().is_ok(), "{ip}");
    }
    for e in samples("{{internet.email}}", 50) {
        assert!(e.contains('@') && e.contains('.'), "{e}");
    }
    for c in samples("{{internet.color}}", 50) {
        assert!(c.len() == 7 && c.starts_with('#'), "{c}");
    }
    for l in samples("{{address.latitude}}", 50) {
        let f: f64 = l.parse().unwrap();
        assert!((-90.0..=90.0).contains(&f) && l.split_once('.').unwrap().1.len() == 4);
    }
    for s in samples("{{lorem.sentence(4)}}", 20) {
        assert_eq!(s.split(' ').count(), 4, "{s}");
        assert!(
            s.ends_with('.') && s.chars().next().unwrap().is_uppercase(),
            "{s}"
        );
    }
    for s in samples("{{lorem.words(5)}}", 20) {
        assert_eq!(s.split(' ').count(), 5, "{s}");
    }
    for s in samples("{{random.words(2)}}", 20) {
        assert!(s.split(' ').count() >= 2, "{s}");
    }
    let names = samples("{{name.firstName}}", 100);
    assert!(
        names
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 30
    );
}

#[test]
fn unknown_modules_and_methods_are_located() {
    let e = error("{\n  \"a\": {{nope.thing}}\n}");
    assert_eq!(e.message, "Invalid module: nope");
    assert_eq!((e.line, e.column), (2, 10));
    let e = error("x {{random.numbr(5)}}");
    assert_eq!(e.message, "Invalid method: random.numbr");
    assert_eq!((e.line, e.column), (1, 12));
    let e = error("{{random}}");
    assert_eq!(e.message, "Invalid method: random.undefined");
    let e = error("{{}}");
    assert_eq!(e.message, "Invalid module: ");
    assert_eq!((e.line, e.column), (1, 3));
    let e = error("{{current.time}}");
    assert_eq!(e.message, "Invalid module: current");
    // Positions count the original text, before trimming and newline removal.
    let e = error("\n\n   \n  ok {{name.nickName}}");
    assert_eq!(e.message, "Invalid method: name.nickName");
    assert_eq!((e.line, e.column), (4, 13));
    assert_eq!(
        e.to_string(),
        "Invalid method: name.nickName (line 4, column 13)"
    );
}

#[test]
fn unclosed_tags_and_bad_arguments_are_located() {
    let e = error("{\n \"a\": {{random.number\n}");
    assert!(e.message.starts_with("Unclosed \"{{\""), "{}", e.message);
    assert_eq!((e.line, e.column), (2, 7));
    let e = error("{{random.number(5}}");
    assert!(e.message.starts_with("Unclosed \"(\""), "{}", e.message);
    assert_eq!((e.line, e.column), (1, 16));
    let e = error("{{random.number(5) x}}");
    assert!(e.message.starts_with("Expected \"}}\""), "{}", e.message);
    assert_eq!((e.line, e.column), (1, 20));
    let e = error("{{random.number(5)");
    assert!(e.message.starts_with("Unclosed \"{{\""));

    let e = error("line one\n  {{random.number(\n  \"x\")}}");
    assert!(
        e.message
            .starts_with("Invalid arguments for random.number:"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), (3, 3));
    for bad in [
        "{{random.number({\"min\":5,\"max\":1})}}",
        "{{random.number({\"min\":\"a\"})}}",
        "{{random.arrayElement(\"OK\")}}",
        "{{random.arrayElement([])}}",
        "{{random.objectElement([1])}}",
        "{{random.weightedArrayElement({\"weights\":[1],\"data\":[1,2]})}}",
        "{{random.weightedArrayElement({\"weights\":[-1],\"data\":[1]})}}",
        "{{random.alphaNumeric(\"x\")}}",
        "{{lorem.words(-1)}}",
        "{{date.between(\"2020\")}}",
        "{{date.now(5)}}",
        "{{date.past(\"x\")}}",
    ] {
        let e = error(bad);
        assert!(
            e.message.starts_with("Invalid arguments for "),
            "{bad}: {}",
            e.message
        );
        assert_eq!(e.line, 1);
    }
}

#[test]
fn numbers_print_as_javascript_does() {
    assert_eq!(js_number(1.0), "1");
    assert_eq!(js_number(-0.0), "0");
    assert_eq!(js_number(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(js_number(1e21), "1e+21");
    assert_eq!(js_number(1.5e-7), "1.5e-7");
    assert_eq!(js_number(123456789.0), "123456789");
    assert_eq!(js_string(&serde_json::json!([1, null, "a"])), "1,,a");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_either_compiles_or_errors_within_the_text(text in "[ -~\\n{}()]{0,60}") {
            match Template::compile(&text) {
                Ok(t) => {
                    let _ = t.render(&ctx(), &mut SandboxRng::seed_from_u64(1));
                }
                Err(e) => {
                    let lines = text.split('\n').count();
                    prop_assert!(e.line >= 1 && e.line <= lines);
                    let line = text.split('\n').nth(e.line - 1).unwrap();
                    prop_assert!(e.column >= 1 && e.column <= line.chars().count() + 1);
                }
            }
        }

        #[test]
        fn text_without_tags_is_kept(text in "[a-zA-Z0-9 ,.:\"\\[\\]]{0,40}") {
            let t = Template::compile(&text).unwrap();
            let expected = text.trim().to_string();
            prop_assert_eq!(t.render(&ctx(), &mut SandboxRng::seed_from_u64(1)), expected);
        }

        #[test]
        fn numbers_stay_in_their_range(min in -1000i64..1000, span in 0i64..1000, seed in 0u64..50) {
            let t = Template::compile(&format!(
                "{{{{random.number({{\"min\":{min},\"max\":{}}})}}}}", min + span
            )).unwrap();
            let v: i64 = t.render(&ctx(), &mut SandboxRng::seed_from_u64(seed)).parse().unwrap();
            if min + span >= 0 {
                prop_assert!(v >= min && v <= min + span);
            } else {
                prop_assert!(v >= min && v <= (min + span).max(min));
            }
        }
    }
}

#[test]
fn fast_integer_paths_are_exact() {
    let mut out = String::new();
    for n in [0, 7, -7, 10, 99999, i64::MIN, i64::MAX] {
        out.clear();
        helpers::push_int(&mut out, n);
        assert_eq!(out, n.to_string());
    }
    let mut rng = SandboxRng::seed_from_u64(4);
    let mut counts = [0u32; 3];
    for _ in 0..30_000 {
        counts[helpers::uniform(&mut rng, 3) as usize] += 1;
    }
    assert!(
        counts.iter().all(|c| (9_500..10_500).contains(c)),
        "{counts:?}"
    );
    assert_eq!(helpers::uniform(&mut rng, 1), 0);
    assert!(helpers::uniform(&mut rng, u64::MAX) < u64::MAX);
}

#[test]
fn a_chunk_gives_back_each_record_as_packed() {
    let mut chunk = Chunk::default();
    let at = SimTime::from_rfc3339("2014-09-08T08:02:17Z").unwrap();
    let records: [(&str, &[u8], u32); 3] =
        [("1234", b"{\"a\":1}\n", 0), ("", b"", 2), ("k", b"xyz", 1)];
    for (key, data, attempts) in records {
        chunk.data.extend_from_slice(data);
        chunk.keys.push_str(key);
        chunk.seal(attempts, at);
    }
    assert_eq!(chunk.len(), 3);
    let attempts: Vec<u32> = chunk.records.iter().map(|s| s.attempts).collect();
    assert_eq!(attempts, [0, 2, 1]);
    let all: Vec<(&str, &[u8])> = chunk.iter().collect();
    assert_eq!(all, records.map(|(k, d, _)| (k, d)).to_vec());
    chunk.clear();
    assert!(chunk.is_empty() && chunk.data.is_empty() && chunk.keys.is_empty());
}
