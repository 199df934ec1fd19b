//! The policy editor's visual summary: actions grouped per service, with the warnings the
//! console shows ("Specify stream resource ARN for the GetRecords and 2 more actions.",
//! "One or more actions may not support this resource.").

use super::policy::{glob, Matcher, Policy};
use std::fmt;

/// A piece of an ARN's resource part: literal text, or a name made of allowed characters
/// (wildcards `*` and `?` always allowed).
#[derive(Debug, Clone, Copy)]
enum Part {
    Lit(&'static str),
    Name(fn(char) -> bool),
}

/// A resource type of a service, as the visual editor knows it.
#[derive(Debug, Clone, Copy)]
pub struct ResourceType {
    pub name: &'static str,
    /// Whether the ARN has region and account (S3's don't).
    regional: bool,
    parts: &'static [Part],
}

/// A service's actions and the resource types each needs (empty: only `*`).
pub struct ServiceCatalogue {
    pub prefix: &'static str,
    pub display: &'static str,
    pub types: &'static [ResourceType],
    pub actions: &'static [(&'static str, &'static [&'static str])],
}

fn simple_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}
fn bucket_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-')
}
fn key_char(c: char) -> bool {
    c != '%' && !c.is_control()
}
fn log_group_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '#')
}
fn log_stream_char(c: char) -> bool {
    c != ':'
}
/// The visual editor takes any text as a KMS key id (`key/${KeyId}`), so a placeholder there
/// still reads as a key ARN; it just names no key (see [`is_placeholder`]).
fn key_id_char(c: char) -> bool {
    c != '/' && c != ':' && !c.is_control()
}

/// The Firehose console's marker for a feature the delivery stream doesn't use
/// (`%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%`, older `%FIREHOSE_BUCKET_NAME%`-style ones).
fn is_placeholder(name: &str) -> bool {
    name.len() > 2 && name.starts_with('%') && name.ends_with('%')
}

/// The services the Firehose role touches.
pub const CATALOGUE: &[ServiceCatalogue] = &[
    ServiceCatalogue {
        prefix: "glue",
        display: "Glue",
        types: &[
            ResourceType {
                name: "catalog",
                regional: true,
                parts: &[Part::Lit("catalog")],
            },
            ResourceType {
                name: "database",
                regional: true,
                parts: &[Part::Lit("database/"), Part::Name(simple_name)],
            },
            ResourceType {
                name: "table",
                regional: true,
                parts: &[
                    Part::Lit("table/"),
                    Part::Name(simple_name),
                    Part::Lit("/"),
                    Part::Name(simple_name),
                ],
            },
        ],
        actions: &[
            ("GetTable", &["catalog", "database", "table"]),
            ("GetTableVersion", &["catalog", "database", "table"]),
            ("GetTableVersions", &["catalog", "database", "table"]),
        ],
    },
    ServiceCatalogue {
        prefix: "s3",
        display: "S3",
        types: &[
            ResourceType {
                name: "bucket",
                regional: false,
                parts: &[Part::Name(bucket_char)],
            },
            ResourceType {
                name: "object",
                regional: false,
                parts: &[
                    Part::Name(bucket_char),
                    Part::Lit("/"),
                    Part::Name(key_char),
                ],
            },
        ],
        actions: &[
            ("AbortMultipartUpload", &["object"]),
            ("GetBucketLocation", &["bucket"]),
            ("GetObject", &["object"]),
            ("ListBucket", &["bucket"]),
            ("ListBucketMultipartUploads", &["bucket"]),
            ("PutObject", &["object"]),
            ("PutObjectAcl", &["object"]),
            ("DeleteObject", &["object"]),
            ("ListAllMyBuckets", &[]),
        ],
    },
    ServiceCatalogue {
        prefix: "lambda",
        display: "Lambda",
        types: &[ResourceType {
            name: "function",
            regional: true,
            parts: &[Part::Lit("function:"), Part::Name(simple_name)],
        }],
        actions: &[
            ("InvokeFunction", &["function"]),
            ("GetFunctionConfiguration", &["function"]),
        ],
    },
    ServiceCatalogue {
        prefix: "logs",
        display: "CloudWatch Logs",
        types: &[
            ResourceType {
                name: "log-group",
                regional: true,
                parts: &[Part::Lit("log-group:"), Part::Name(log_group_char)],
            },
            ResourceType {
                name: "log-stream",
                regional: true,
                parts: &[
                    Part::Lit("log-group:"),
                    Part::Name(log_group_char),
                    Part::Lit(":log-stream:"),
                    Part::Name(log_stream_char),
                ],
            },
        ],
        actions: &[
            // The console asks for the log group as well as the stream: the notes' policy, with
            // only `log-group:…:log-stream:*`, shows "CloudWatch Logs (1 action) ⚠ 1 warning".
            ("PutLogEvents", &["log-group", "log-stream"]),
            ("CreateLogStream", &["log-group"]),
            ("CreateLogGroup", &["log-group"]),
            ("DescribeLogStreams", &["log-group"]),
        ],
    },
    ServiceCatalogue {
        prefix: "kinesis",
        display: "Kinesis",
        types: &[ResourceType {
            name: "stream",
            regional: true,
            parts: &[Part::Lit("stream/"), Part::Name(simple_name)],
        }],
        actions: &[
            ("GetRecords", &["stream"]),
            ("DescribeStream", &["stream"]),
            ("GetShardIterator", &["stream"]),
            ("ListShards", &["stream"]),
            ("DescribeStreamSummary", &["stream"]),
            ("PutRecord", &["stream"]),
            ("PutRecords", &["stream"]),
            ("ListStreams", &[]),
        ],
    },
    ServiceCatalogue {
        prefix: "kms",
        display: "KMS",
        types: &[ResourceType {
            name: "key",
            regional: true,
            parts: &[Part::Lit("key/"), Part::Name(key_id_char)],
        }],
        actions: &[
            ("Decrypt", &["key"]),
            ("GenerateDataKey", &["key"]),
            ("Encrypt", &["key"]),
        ],
    },
    ServiceCatalogue {
        prefix: "firehose",
        display: "Firehose",
        types: &[ResourceType {
            name: "deliverystream",
            regional: true,
            parts: &[Part::Lit("deliverystream/"), Part::Name(simple_name)],
        }],
        actions: &[
            ("PutRecord", &["deliverystream"]),
            ("PutRecordBatch", &["deliverystream"]),
            ("DescribeDeliveryStream", &["deliverystream"]),
            ("ListDeliveryStreams", &[]),
        ],
    },
];

fn parts_match(parts: &[Part], text: &str) -> bool {
    match parts.split_first() {
        None => text.is_empty(),
        Some((Part::Lit(l), rest)) => text.strip_prefix(l).is_some_and(|t| parts_match(rest, t)),
        Some((Part::Name(ok), rest)) => {
            // The name runs up to where the rest can match; try every split point.
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for end in 1..=chars.len() {
                let (i, c) = chars[end - 1];
                if !(c == '*' || c == '?' || ok(c)) {
                    return false;
                }
                let cut = i + c.len_utf8();
                if parts_match(rest, &text[cut..]) {
                    return true;
                }
            }
            false
        }
    }
}

impl ResourceType {
    /// Whether `arn` (possibly with wildcards) names a resource of this type of `service`.
    pub fn accepts(&self, service: &str, arn: &str) -> bool {
        let f: Vec<&str> = arn.splitn(6, ':').collect();
        if f.len() != 6 || f[0] != "arn" || !glob(f[2], service, false) {
            return false;
        }
        if !self.regional && (!f[3].is_empty() || !f[4].is_empty()) {
            return false;
        }
        parts_match(self.parts, f[5])
    }

    /// Whether `arn` is of this type and names an actual resource, not the console's
    /// placeholder: `key/%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%` is a key ARN (the action
    /// supports it) but specifies no key, so the console still asks for one.
    fn specifies(&self, service: &str, arn: &str) -> bool {
        self.accepts(service, arn) && !arn.rsplit(['/', ':']).next().is_some_and(is_placeholder)
    }
}

/// A warning on one service's block in the visual summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyWarning {
    /// No resource of a type the actions need: "Specify stream resource ARN for the
    /// GetRecords and 2 more actions."
    SpecifyResourceArn {
        resource_type: String,
        first_action: String,
        more: usize,
    },
    /// A resource that none of the actions' types accepts.
    ResourceNotSupported { resource: String },
    /// An action the service doesn't have.
    UnknownAction { action: String },
}

impl fmt::Display for PolicyWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyWarning::SpecifyResourceArn { resource_type, first_action, more: 0 } => {
                write!(f, "Specify {resource_type} resource ARN for the {first_action} action.")
            }
            PolicyWarning::SpecifyResourceArn { resource_type, first_action, more } => write!(
                f,
                "Specify {resource_type} resource ARN for the {first_action} and {more} more action{}.",
                if *more == 1 { "" } else { "s" }
            ),
            PolicyWarning::ResourceNotSupported { .. } => {
                f.write_str("One or more actions may not support this resource.")
            }
            PolicyWarning::UnknownAction { action } => {
                write!(f, "The action {action} does not exist.")
            }
        }
    }
}

/// One service block of one statement: `Kinesis (3 actions) ⚠ 2 warnings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    pub statement: usize,
    pub service: String,
    pub prefix: String,
    pub actions: Vec<String>,
    pub warnings: Vec<PolicyWarning>,
}

/// The visual summary of a parsed permissions policy.
pub fn summarize(policy: &Policy) -> Vec<ServiceSummary> {
    let mut out = Vec::new();
    for (index, st) in policy.statements.iter().enumerate() {
        let Matcher::Is(actions) = &st.actions else {
            continue;
        };
        let resources: Vec<String> = match &st.resources {
            Some(Matcher::Is(r)) => r.clone(),
            _ => vec!["*".into()],
        };
        let mut prefixes: Vec<String> = Vec::new();
        for a in actions {
            let p = a.split(':').next().unwrap_or("").to_ascii_lowercase();
            if !prefixes.contains(&p) {
                prefixes.push(p);
            }
        }
        for prefix in prefixes {
            let cat = CATALOGUE.iter().find(|c| c.prefix == prefix);
            let mut names: Vec<String> = Vec::new();
            let mut warnings = Vec::new();
            let mut known: Vec<(&str, &[&str])> = Vec::new();
            for a in actions
                .iter()
                .filter(|a| a.to_ascii_lowercase().starts_with(&format!("{prefix}:")))
            {
                let pattern = &a[prefix.len() + 1..];
                let Some(cat) = cat else {
                    names.push(pattern.to_string());
                    continue;
                };
                let hits: Vec<_> = cat
                    .actions
                    .iter()
                    .filter(|(n, _)| glob(pattern, n, true))
                    .collect();
                if hits.is_empty() {
                    warnings.push(PolicyWarning::UnknownAction { action: a.clone() });
                }
                for (n, t) in hits {
                    if !known.iter().any(|(k, _)| k == n) {
                        known.push((n, t));
                        names.push(n.to_string());
                    }
                }
            }
            if let Some(cat) = cat {
                let any = resources.iter().any(|r| r == "*");
                if !any {
                    // Each needed type with no resource of that type.
                    for ty in cat.types {
                        let needing: Vec<&str> = cat
                            .actions
                            .iter()
                            .filter(|(n, t)| {
                                known.iter().any(|(k, _)| k == n) && t.contains(&ty.name)
                            })
                            .map(|(n, _)| *n)
                            .collect();
                        if needing.is_empty() {
                            continue;
                        }
                        if !resources.iter().any(|r| ty.specifies(&prefix, r)) {
                            warnings.push(PolicyWarning::SpecifyResourceArn {
                                resource_type: ty.name.to_string(),
                                first_action: needing[0].to_string(),
                                more: needing.len() - 1,
                            });
                        }
                    }
                    for r in &resources {
                        let fits = known.iter().any(|(_, types)| {
                            types.iter().any(|t| {
                                cat.types
                                    .iter()
                                    .any(|ty| ty.name == *t && ty.accepts(&prefix, r))
                            })
                        });
                        if !fits {
                            warnings.push(PolicyWarning::ResourceNotSupported {
                                resource: r.clone(),
                            });
                        }
                    }
                }
            }
            let display = cat
                .map(|c| c.display.to_string())
                .unwrap_or_else(|| prefix.clone());
            out.push(ServiceSummary {
                statement: index,
                service: display,
                prefix,
                actions: names,
                warnings,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::delivery_role::{permissions_policy, DeliveryRoleParams};
    use super::super::policy::{parse, PolicyKind};
    use super::*;

    #[test]
    fn kinesis_placeholder_gives_the_consoles_two_warnings() {
        let policy = parse(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Action":["kinesis:DescribeStream","kinesis:GetShardIterator","kinesis:GetRecords"],
              "Resource":"arn:aws:kinesis:us-east-1:123456789012:stream/%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%"}]}"#,
            PolicyKind::Permissions,
        )
        .unwrap();
        let s = summarize(&policy);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].service, "Kinesis");
        assert_eq!(s[0].actions.len(), 3);
        let texts: Vec<String> = s[0].warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "Specify stream resource ARN for the GetRecords and 2 more actions.",
                "One or more actions may not support this resource."
            ]
        );
    }

    #[test]
    fn real_arns_and_star_are_clean() {
        let params = DeliveryRoleParams {
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            delivery_stream: "f".into(),
            bucket: Some("b".into()),
            source_stream: Some("s".into()),
            ..Default::default()
        };
        let policy = parse(&permissions_policy(&params), PolicyKind::Permissions).unwrap();
        let s = summarize(&policy);
        let warned = |svc: &str| {
            s.iter()
                .filter(|x| x.service == svc)
                .map(|x| x.warnings.len())
                .sum::<usize>()
        };
        assert_eq!(warned("Kinesis"), 0);
        assert_eq!(warned("S3"), 0);
        assert_eq!(warned("CloudWatch Logs"), 1);
        assert_eq!(
            warned("KMS"),
            2,
            "one per KMS statement: the key is a placeholder"
        );
        assert_eq!(warned("Lambda"), 2);
        assert!(warned("Glue") > 0);
        let star = parse(
            r#"{"Statement":[{"Effect":"Allow","Action":"kinesis:Get*","Resource":"*"}]}"#,
            PolicyKind::Permissions,
        )
        .unwrap();
        let s = summarize(&star);
        assert_eq!(s[0].actions, vec!["GetRecords", "GetShardIterator"]);
        assert!(s[0].warnings.is_empty());
    }

    /// The notes' role policy (the console's one-click role of the time: Glue on `*`, the
    /// bucket, placeholders for Lambda, the stream and the KMS key) and the summary the notes'
    /// screenshot shows: "Lambda (2 actions) ⚠ 2 warnings, CloudWatch Logs (1 action) ⚠ 1
    /// warning, Kinesis (3 actions) ⚠ 2 warnings, KMS (1 action) ⚠ 1 warning".
    #[test]
    fn the_notes_policy_gives_the_notes_warnings() {
        let ph = "%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%";
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[
 {{"Sid":"","Effect":"Allow","Action":["glue:GetTable","glue:GetTableVersion","glue:GetTableVersions"],"Resource":"*"}},
 {{"Sid":"","Effect":"Allow","Action":["s3:AbortMultipartUpload","s3:GetBucketLocation","s3:GetObject","s3:ListBucket","s3:ListBucketMultipartUploads","s3:PutObject"],
   "Resource":["arn:aws:s3:::machinelearning-firehose-output","arn:aws:s3:::machinelearning-firehose-output/*"]}},
 {{"Sid":"","Effect":"Allow","Action":["lambda:InvokeFunction","lambda:GetFunctionConfiguration"],"Resource":"arn:aws:lambda:us-east-1:123456789012:function:{ph}"}},
 {{"Sid":"","Effect":"Allow","Action":["logs:PutLogEvents"],"Resource":["arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose:log-stream:*"]}},
 {{"Sid":"","Effect":"Allow","Action":["kinesis:DescribeStream","kinesis:GetShardIterator","kinesis:GetRecords"],"Resource":"arn:aws:kinesis:us-east-1:123456789012:stream/{ph}"}},
 {{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/{ph}"],
   "Condition":{{"StringEquals":{{"kms:ViaService":"kinesis.us-east-1.amazonaws.com"}},"StringLike":{{"kms:EncryptionContext:aws:kinesis:arn":"arn:aws:kinesis:us-east-1:123456789012:stream/{ph}"}}}}}}]}}"#
        );
        let policy = parse(&text, PolicyKind::Permissions).unwrap();
        let blocks: Vec<(String, usize, Vec<String>)> = summarize(&policy)
            .into_iter()
            .map(|s| {
                let texts = s.warnings.iter().map(|w| w.to_string()).collect();
                (s.service, s.actions.len(), texts)
            })
            .collect();
        let strs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            blocks,
            vec![
                ("Glue".into(), 3, vec![]),
                ("S3".into(), 6, vec![]),
                (
                    "Lambda".into(),
                    2,
                    strs(&[
                        "Specify function resource ARN for the InvokeFunction and 1 more action.",
                        "One or more actions may not support this resource.",
                    ])
                ),
                (
                    "CloudWatch Logs".into(),
                    1,
                    strs(&["Specify log-group resource ARN for the PutLogEvents action."])
                ),
                (
                    "Kinesis".into(),
                    3,
                    strs(&[
                        "Specify stream resource ARN for the GetRecords and 2 more actions.",
                        "One or more actions may not support this resource.",
                    ])
                ),
                (
                    "KMS".into(),
                    1,
                    strs(&["Specify key resource ARN for the Decrypt action."])
                ),
            ]
        );
        // A real key ARN, and the log group named too, clear those two.
        let fixed = text
            .replace(&format!("key/{ph}"), "key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .replace(
                r#"["arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose:log-stream:*"]"#,
                r#"["arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose","arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/machinelearningfirehose:log-stream:*"]"#,
            );
        let policy = parse(&fixed, PolicyKind::Permissions).unwrap();
        for s in summarize(&policy) {
            if s.service == "KMS" || s.service == "CloudWatch Logs" {
                assert!(s.warnings.is_empty(), "{s:?}");
            }
        }
    }
}
