//! The Firehose delivery role as the console's "Create new" builds it: the trust policy for
//! `firehose.amazonaws.com` and the `KinesisFirehoseServicePolicy-<stream>-<region>` inline
//! policy with its glue, s3, lambda, kms, logs and kinesis statements. Features the delivery
//! stream doesn't use keep `%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%`.

/// The console's marker for a feature the delivery stream doesn't use.
pub const PLACEHOLDER: &str = "%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%";

/// What the generated role must cover.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryRoleParams {
    pub region: String,
    pub account_id: String,
    pub delivery_stream: String,
    /// The destination bucket's name.
    pub bucket: Option<String>,
    /// The source stream's name (KinesisStreamAsSource).
    pub source_stream: Option<String>,
    /// The KMS key id used for S3 encryption.
    pub kms_key_id: Option<String>,
    /// The transform Lambda's name.
    pub lambda_function: Option<String>,
    /// Glue database and table for format conversion.
    pub glue_table: Option<(String, String)>,
    /// The OpenSearch domain an Amazon OpenSearch Service destination writes to.
    pub opensearch_domain: Option<String>,
}

/// The console's role name: `KinesisFirehoseServiceRole-<stream>-<region>-<epoch millis>`.
pub fn role_name(p: &DeliveryRoleParams, created_epoch_millis: i64) -> String {
    format!(
        "KinesisFirehoseServiceRole-{}-{}-{created_epoch_millis}",
        p.delivery_stream, p.region
    )
}

/// The console's inline policy name.
pub fn policy_name(p: &DeliveryRoleParams) -> String {
    format!(
        "KinesisFirehoseServicePolicy-{}-{}",
        p.delivery_stream, p.region
    )
}

/// The console's role path.
pub const ROLE_PATH: &str = "/service-role/";

/// A JSON value whose object keys keep the order they were written in.
enum J {
    S(String),
    A(Vec<J>),
    O(Vec<(&'static str, J)>),
}

fn s(text: impl Into<String>) -> J {
    J::S(text.into())
}

fn write(j: &J, indent: usize, out: &mut String) {
    let pad = |n: usize| "    ".repeat(n);
    match j {
        J::S(text) => out.push_str(&serde_json::Value::String(text.clone()).to_string()),
        J::A(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                write(item, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        J::O(fields) => {
            out.push_str("{\n");
            for (i, (k, v)) in fields.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&format!("\"{k}\": "));
                write(v, indent + 1, out);
                out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
    }
}

fn render(j: &J) -> String {
    let mut out = String::new();
    write(j, 0, &mut out);
    out
}

fn strings(items: &[&str]) -> J {
    J::A(items.iter().map(|i| s(*i)).collect())
}

/// The trust policy: `firehose.amazonaws.com` may assume the role for this account.
pub fn trust_policy(p: &DeliveryRoleParams) -> String {
    render(&J::O(vec![
        ("Version", s("2012-10-17")),
        (
            "Statement",
            J::A(vec![J::O(vec![
                ("Sid", s("")),
                ("Effect", s("Allow")),
                (
                    "Principal",
                    J::O(vec![("Service", s("firehose.amazonaws.com"))]),
                ),
                ("Action", s("sts:AssumeRole")),
                (
                    "Condition",
                    J::O(vec![(
                        "StringEquals",
                        J::O(vec![("sts:ExternalId", s(p.account_id.clone()))]),
                    )]),
                ),
            ])]),
        ),
    ]))
}

/// The permissions policy, statement for statement as the console writes it.
pub fn permissions_policy(p: &DeliveryRoleParams) -> String {
    let (r, a) = (p.region.as_str(), p.account_id.as_str());
    let or_ph = |v: &Option<String>| v.clone().unwrap_or_else(|| PLACEHOLDER.to_string());
    let bucket = or_ph(&p.bucket);
    let stream = or_ph(&p.source_stream);
    let key = or_ph(&p.kms_key_id);
    let function = or_ph(&p.lambda_function);
    let (db, table) = p
        .glue_table
        .clone()
        .unwrap_or_else(|| (PLACEHOLDER.to_string(), PLACEHOLDER.to_string()));
    let kms_bucket = p.bucket.clone().unwrap_or_else(|| PLACEHOLDER.to_string());
    let stream_arn = format!("arn:aws:kinesis:{r}:{a}:stream/{stream}");
    let mut statements = vec![
        J::O(vec![
            ("Sid", s("")),
            ("Effect", s("Allow")),
            (
                "Action",
                strings(&[
                    "glue:GetTable",
                    "glue:GetTableVersion",
                    "glue:GetTableVersions",
                ]),
            ),
            (
                "Resource",
                J::A(vec![
                    s(format!("arn:aws:glue:{r}:{a}:catalog")),
                    s(format!("arn:aws:glue:{r}:{a}:database/{db}")),
                    s(format!("arn:aws:glue:{r}:{a}:table/{db}/{table}")),
                ]),
            ),
        ]),
        J::O(vec![
            ("Sid", s("")),
            ("Effect", s("Allow")),
            (
                "Action",
                strings(&[
                    "s3:AbortMultipartUpload",
                    "s3:GetBucketLocation",
                    "s3:GetObject",
                    "s3:ListBucket",
                    "s3:ListBucketMultipartUploads",
                    "s3:PutObject",
                ]),
            ),
            (
                "Resource",
                J::A(vec![
                    s(format!("arn:aws:s3:::{bucket}")),
                    s(format!("arn:aws:s3:::{bucket}/*")),
                ]),
            ),
        ]),
        J::O(vec![
            ("Sid", s("")),
            ("Effect", s("Allow")),
            (
                "Action",
                strings(&["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"]),
            ),
            (
                "Resource",
                s(format!("arn:aws:lambda:{r}:{a}:function:{function}")),
            ),
        ]),
        J::O(vec![
            ("Effect", s("Allow")),
            ("Action", strings(&["kms:GenerateDataKey", "kms:Decrypt"])),
            (
                "Resource",
                J::A(vec![s(format!("arn:aws:kms:{r}:{a}:key/{key}"))]),
            ),
            (
                "Condition",
                J::O(vec![
                    (
                        "StringEquals",
                        J::O(vec![("kms:ViaService", s(format!("s3.{r}.amazonaws.com")))]),
                    ),
                    (
                        "StringLike",
                        J::O(vec![(
                            "kms:EncryptionContext:aws:s3:arn",
                            J::A(vec![s(format!("arn:aws:s3:::{kms_bucket}/*"))]),
                        )]),
                    ),
                ]),
            ),
        ]),
        J::O(vec![
            ("Sid", s("")),
            ("Effect", s("Allow")),
            ("Action", strings(&["logs:PutLogEvents"])),
            (
                "Resource",
                J::A(vec![s(format!(
                    "arn:aws:logs:{r}:{a}:log-group:/aws/kinesisfirehose/{}:log-stream:*",
                    p.delivery_stream
                ))]),
            ),
        ]),
        J::O(vec![
            ("Sid", s("")),
            ("Effect", s("Allow")),
            (
                "Action",
                strings(&[
                    "kinesis:DescribeStream",
                    "kinesis:GetShardIterator",
                    "kinesis:GetRecords",
                    "kinesis:ListShards",
                ]),
            ),
            ("Resource", s(stream_arn.clone())),
        ]),
        J::O(vec![
            ("Effect", s("Allow")),
            ("Action", strings(&["kms:Decrypt"])),
            (
                "Resource",
                J::A(vec![s(format!("arn:aws:kms:{r}:{a}:key/{PLACEHOLDER}"))]),
            ),
            (
                "Condition",
                J::O(vec![
                    (
                        "StringEquals",
                        J::O(vec![(
                            "kms:ViaService",
                            s(format!("kinesis.{r}.amazonaws.com")),
                        )]),
                    ),
                    (
                        "StringLike",
                        J::O(vec![(
                            "kms:EncryptionContext:aws:kinesis:arn",
                            s(stream_arn),
                        )]),
                    ),
                ]),
            ),
        ]),
    ];
    if let Some(domain) = &p.opensearch_domain {
        // The domain's statement, as the console adds it for an OpenSearch destination.
        let arn = format!("arn:aws:es:{r}:{a}:domain/{domain}");
        statements.insert(
            2,
            J::O(vec![
                ("Sid", s("")),
                ("Effect", s("Allow")),
                (
                    "Action",
                    strings(&[
                        "es:DescribeDomain",
                        "es:DescribeDomains",
                        "es:DescribeDomainConfig",
                        "es:ESHttpPost",
                        "es:ESHttpPut",
                    ]),
                ),
                (
                    "Resource",
                    J::A(vec![s(arn.clone()), s(format!("{arn}/*"))]),
                ),
            ]),
        );
    }
    render(&J::O(vec![
        ("Version", s("2012-10-17")),
        ("Statement", J::A(statements)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::super::policy::{evaluate, parse, Decision, PolicyKind, Request};
    use super::*;

    fn params() -> DeliveryRoleParams {
        DeliveryRoleParams {
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            delivery_stream: "machinelearningfirehose".into(),
            bucket: Some("ml-output".into()),
            source_stream: Some("machinelearning".into()),
            ..Default::default()
        }
    }

    #[test]
    fn matches_the_console_shape() {
        let text = permissions_policy(&params());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let st = v["Statement"].as_array().unwrap();
        assert_eq!(st.len(), 7);
        assert_eq!(st[0]["Action"][0], "glue:GetTable");
        assert_eq!(
            st[0]["Resource"][1],
            "arn:aws:glue:us-east-1:123456789012:database/%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%"
        );
        assert_eq!(
            st[1]["Resource"],
            serde_json::json!(["arn:aws:s3:::ml-output", "arn:aws:s3:::ml-output/*"])
        );
        assert_eq!(
            st[2]["Resource"],
            "arn:aws:lambda:us-east-1:123456789012:function:%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%"
        );
        assert_eq!(
            st[4]["Resource"][0],
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose:log-stream:*"
        );
        assert_eq!(
            st[5]["Resource"],
            "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning"
        );
        assert!(st[3].get("Sid").is_none());
        // Keys keep the console's order.
        assert!(text.find("\"Sid\"").unwrap() < text.find("\"Effect\"").unwrap());
        assert_eq!(
            policy_name(&params()),
            "KinesisFirehoseServicePolicy-machinelearningfirehose-us-east-1"
        );
    }

    #[test]
    fn grants_what_firehose_needs() {
        let policy = parse(&permissions_policy(&params()), PolicyKind::Permissions).unwrap();
        let allow = |req: Request| evaluate([("p", &policy)], &req).decision;
        assert_eq!(
            allow(Request::new(
                "s3:PutObject",
                "arn:aws:s3:::ml-output/2026/01/01/10/x"
            )),
            Decision::Allow
        );
        assert_eq!(
            allow(Request::new(
                "kinesis:GetRecords",
                "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning"
            )),
            Decision::Allow
        );
        assert_eq!(
            allow(Request::new(
                "kinesis:GetRecords",
                "arn:aws:kinesis:us-east-1:123456789012:stream/other"
            )),
            Decision::ImplicitDeny
        );
        assert_eq!(allow(Request::new("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose:log-stream:S3Delivery")), Decision::Allow);
        let unused = DeliveryRoleParams {
            source_stream: None,
            ..params()
        };
        let policy = parse(&permissions_policy(&unused), PolicyKind::Permissions).unwrap();
        assert_eq!(
            evaluate(
                [("p", &policy)],
                &Request::new(
                    "kinesis:GetRecords",
                    "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning"
                )
            )
            .decision,
            Decision::ImplicitDeny
        );
        let trust = parse(&trust_policy(&params()), PolicyKind::Trust).unwrap();
        let assume = Request::new("sts:AssumeRole", "r")
            .by_service("firehose.amazonaws.com")
            .with("sts:ExternalId", "123456789012");
        assert_eq!(evaluate([("t", &trust)], &assume).decision, Decision::Allow);
    }
}
