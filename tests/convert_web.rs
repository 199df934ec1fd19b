//! Browser tests of the S3 browser's Parquet and ORC view: what it says of the file, and the
//! schema and rows as tables with their captions and headers.
#![cfg(target_arch = "wasm32")]

use kinesis_sandbox::engine::firehose::convert::config::{OpenXJsonSerDe, OrcSerDe};
use kinesis_sandbox::engine::firehose::convert::{
    Conversion, Deserializer, Preview, Serializer, COLUMNAR,
};
use kinesis_sandbox::engine::glue::{Column, HiveType};
use kinesis_sandbox::ui::pages::s3::columnar;
use std::time::Duration;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn col(name: &str, t: &str) -> Column {
    Column {
        name: name.into(),
        type_text: t.into(),
        hive_type: HiveType::parse(t).unwrap(),
        comment: None,
    }
}

fn converted(serializer: Serializer) -> Vec<u8> {
    let table = [col("id", "int"), col("tags", "array<string>")];
    let conversion = Conversion {
        deserializer: Deserializer::OpenX(OpenXJsonSerDe::default()),
        serializer,
    };
    let records: Vec<&[u8]> = vec![br#"{"id":1,"tags":["a"]}"#, br#"{"id":2}"#];
    (COLUMNAR.convert)(&records, &table, &conversion)
        .object
        .unwrap()
}

#[wasm_bindgen_test]
fn the_summary_names_the_format_groups_and_compression() {
    let bytes = converted(Serializer::Parquet(Default::default()));
    assert!(columnar::is_columnar(&bytes));
    assert!(!columnar::is_columnar(b"{\"id\":1}"));
    let p = (COLUMNAR.preview)(&bytes).unwrap();
    assert_eq!(
        columnar::summary(&p),
        "Parquet file: 2 rows in 1 row group (2), SNAPPY compression. Written by \
         kinesis-sandbox firehose."
    );
    let orc = (COLUMNAR.preview)(&converted(Serializer::Orc(OrcSerDe::default()))).unwrap();
    assert_eq!(
        columnar::summary(&orc),
        "ORC file: 2 rows in 1 stripe (2), SNAPPY compression. Written by ORC 0.12."
    );
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    preview: Preview,
}

#[component]
fn View(props: &ViewProps) -> Html {
    columnar::view(&props.preview)
}

#[wasm_bindgen_test]
async fn the_schema_and_rows_are_tables_with_captions_and_headers() {
    let preview = (COLUMNAR.preview)(&converted(Serializer::Parquet(Default::default()))).unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<View>::with_root_and_props(root.clone(), ViewProps { preview }).render();
    yew::platform::time::sleep(Duration::from_millis(20)).await;

    let texts = |selector: &str| -> Vec<String> {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect()
    };
    assert_eq!(texts("caption"), ["Schema", "Rows"]);
    assert_eq!(
        texts(":scope > table td"),
        ["id", "int", "tags", "array<string>"]
    );
    let region = root.query_selector("[role=region]").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-label").as_deref(), Some("Rows"));
    assert_eq!(region.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(texts("[role=region] thead th"), ["#", "id", "tags"]);
    assert_eq!(texts("[role=region] tbody th[scope=row]"), ["1", "2"]);
    assert_eq!(
        texts("[role=region] tbody td"),
        ["1", "[\"a\"]", "2", "null"]
    );
}
