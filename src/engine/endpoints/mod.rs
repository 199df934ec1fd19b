//! The learner's HTTPS endpoints: what a Firehose HTTP endpoint destination delivers to. On
//! AWS that is any server on the internet (a partner's, or the learner's own); here it is an
//! endpoint the learner sets up with a behaviour — answer 200, answer an error (for a while),
//! answer 413, or never answer — and that keeps the requests it received, headers and body,
//! so a delivery can be looked at byte for byte.
//!
//! `HttpEndpoints.*` is the sandbox's own API: PutEndpoint, GetEndpoint, ListEndpoints,
//! DeleteEndpoint. Firehose hands a request over with [`Sandbox::endpoint_receive`].

use super::body::Body;
use super::context::Holds;
use super::registry::{changes, reads, Service};
use super::{ApiError, ErrorKind, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// Requests an endpoint keeps, newest last.
pub const KEPT_REQUESTS: usize = 20;
/// How long Firehose waits for an answer.
pub const RESPONSE_TIMEOUT: Duration = Duration::from_secs(180);

/// What an endpoint answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Behavior {
    /// 200 with the request's id.
    Accept,
    /// The status code given, with an error message.
    Error,
    /// No answer: the request times out.
    Timeout,
    /// 200, but only after `delay_s` seconds (past Firehose's 3 minutes: a timeout).
    Slow,
}

impl Behavior {
    fn parse(text: &str) -> Option<Behavior> {
        match text {
            "ACCEPT" => Some(Behavior::Accept),
            "ERROR" => Some(Behavior::Error),
            "TIMEOUT" => Some(Behavior::Timeout),
            "SLOW" => Some(Behavior::Slow),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Behavior::Accept => "ACCEPT",
            Behavior::Error => "ERROR",
            Behavior::Timeout => "TIMEOUT",
            Behavior::Slow => "SLOW",
        }
    }
}

/// A request as Firehose sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// As sent (gzip when `Content-Encoding: gzip`).
    #[serde(with = "crate::engine::s3::b64")]
    pub body: Vec<u8>,
}

/// What came back: a status and a body, or nothing in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    Answered {
        status: u16,
        body: String,
        /// Seconds the answer took (a slow endpoint).
        #[serde(default, skip_serializing_if = "is_zero")]
        after_s: u32,
    },
    /// No endpoint at that URL.
    NoConnection,
    TimedOut,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Received {
    time: SimTime,
    request: Request,
    response: Response,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Endpoint {
    behavior: Behavior,
    status: u16,
    message: String,
    /// The behaviour lasts until then; afterwards the endpoint accepts.
    until: Option<SimTime>,
    /// How long a SLOW endpoint takes to answer.
    #[serde(default)]
    delay_s: u32,
    requests: VecDeque<Received>,
}

impl Endpoint {
    fn behavior_at(&self, now: SimTime) -> Behavior {
        match self.until {
            Some(t) if now >= t => Behavior::Accept,
            _ => self.behavior,
        }
    }

    fn describe(&self, url: &str, now: SimTime) -> Value {
        let mut out = json!({
            "Url": url,
            "Behavior": self.behavior_at(now).as_str(),
            "RequestsReceived": self.requests.len(),
        });
        if self.behavior == Behavior::Error && self.behavior_at(now) == Behavior::Error {
            out["StatusCode"] = json!(self.status);
        }
        if self.behavior_at(now) == Behavior::Slow {
            out["DelaySeconds"] = json!(self.delay_s);
        }
        if let Some(t) = self.until.filter(|t| *t > now) {
            out["Until"] = json!(t.epoch_millis() as f64 / 1000.0);
        }
        out
    }
}

/// Every endpoint, by URL.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Endpoints {
    endpoints: BTreeMap<String, Endpoint>,
}

type Cx<'a> = super::context::Ctx<'a, Endpoints>;

fn url_of<'a>(v: &mut Validation, body: Body<'a>) -> Result<Option<&'a str>, ApiError> {
    let url = v.required(body.string("Url")?, "url");
    if let Some(u) = url {
        if !u.starts_with("https://") || u.len() > 1000 {
            v.fail(
                Some(u),
                "url",
                "Member must satisfy regular expression pattern: https://.*",
            );
        }
    }
    Ok(url)
}

fn not_found(url: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("No endpoint is set up at {url}."),
    )
}

fn put_endpoint(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let url = url_of(&mut v, body)?;
    let behavior = body.string("Behavior")?.unwrap_or("ACCEPT");
    let parsed = Behavior::parse(behavior);
    if parsed.is_none() {
        v.fail(
            Some(behavior),
            "behavior",
            "Member must satisfy enum value set: [ACCEPT, ERROR, TIMEOUT, SLOW]",
        );
    }
    let status = body.integer("StatusCode")?;
    if let Some(s) = status {
        v.range(s, "statusCode", 100, 599);
    }
    let for_seconds = body.integer("ForSeconds")?;
    if let Some(s) = for_seconds {
        v.range(s, "forSeconds", 1, 86_400);
    }
    let message = body.string("ErrorMessage")?.unwrap_or("Internal error");
    let delay = body.integer("DelaySeconds")?;
    if let Some(d) = delay {
        v.range(d, "delaySeconds", 1, 600);
    }
    v.finish()?;
    if parsed == Some(Behavior::Slow) && delay.is_none() {
        return Err(ApiError::invalid_argument(
            "A SLOW endpoint needs DelaySeconds: how long it takes to answer (1–600).",
        ));
    }
    let (Some(url), Some(behavior)) = (url, parsed) else {
        unreachable!("validated above")
    };
    let status = match (behavior, status) {
        (Behavior::Error, None) => 500,
        (Behavior::Error, Some(200)) => {
            return Err(ApiError::invalid_argument(
                "An ERROR endpoint answers a status other than 200.",
            ))
        }
        (_, s) => s.unwrap_or(200) as u16,
    };
    let until = for_seconds.map(|s| cx.now + Duration::from_secs(s as u64));
    let requests = cx
        .state
        .endpoints
        .remove(url)
        .map(|e| e.requests)
        .unwrap_or_default();
    let endpoint = Endpoint {
        behavior,
        status,
        message: message.to_string(),
        until,
        delay_s: delay.unwrap_or(0) as u32,
        requests,
    };
    let out = endpoint.describe(url, cx.now);
    cx.state.endpoints.insert(url.to_string(), endpoint);
    Ok(out)
}

fn get_endpoint(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let url = url_of(&mut v, body)?;
    v.finish()?;
    let url = url.unwrap_or_default();
    let e = cx.state.endpoints.get(url).ok_or_else(|| not_found(url))?;
    Ok(view(url, e, cx.now))
}

/// GetEndpoint's answer: the endpoint and the requests it received.
fn view(url: &str, e: &Endpoint, now: SimTime) -> Value {
    let mut out = e.describe(url, now);
    out["Requests"] = Value::Array(
        e.requests
            .iter()
            .map(|r| {
                let mut one = json!({
                    "Time": r.time.epoch_millis() as f64 / 1000.0,
                    "Headers": r.request.headers.iter().cloned().collect::<BTreeMap<_, _>>(),
                    "Body": String::from_utf8_lossy(&readable_body(&r.request)),
                });
                match &r.response {
                    Response::Answered {
                        status,
                        body,
                        after_s,
                    } => {
                        one["StatusCode"] = json!(status);
                        one["ResponseBody"] = json!(body);
                        if *after_s > 0 {
                            one["AnsweredAfterSeconds"] = json!(after_s);
                        }
                    }
                    Response::TimedOut => one["TimedOut"] = json!(true),
                    Response::NoConnection => {}
                }
                one
            })
            .collect(),
    );
    out
}

/// The request's body as text: unzipped when it was sent with gzip.
fn readable_body(r: &Request) -> Vec<u8> {
    let gzip = r
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("Content-Encoding") && v == "gzip");
    if gzip {
        use std::io::Read as _;
        let mut plain = Vec::new();
        if flate2::read::MultiGzDecoder::new(&r.body[..])
            .read_to_end(&mut plain)
            .is_ok()
        {
            return plain;
        }
    }
    r.body.clone()
}

fn list_endpoints(cx: &mut Cx<'_>, _body: Body) -> Result<Value, ApiError> {
    let now = cx.now;
    Ok(json!({
        "Endpoints": cx.state.endpoints.iter().map(|(u, e)| e.describe(u, now)).collect::<Vec<_>>()
    }))
}

fn delete_endpoint(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let url = url_of(&mut v, body)?;
    v.finish()?;
    let url = url.unwrap_or_default();
    cx.state
        .endpoints
        .remove(url)
        .map(|_| json!({}))
        .ok_or_else(|| not_found(url))
}

impl Sandbox {
    /// Every endpoint as GetEndpoint answers it (without logging a call), for the page.
    pub fn http_endpoints(&self) -> Vec<Value> {
        self.endpoints
            .endpoints
            .iter()
            .map(|(url, e)| view(url, e, self.now))
            .collect()
    }

    /// An endpoint receives `request` now and answers as its behaviour says; the request is
    /// kept. No endpoint at the URL: no connection.
    pub(crate) fn endpoint_receive(&mut self, request: Request) -> Response {
        let cx: Cx<'_> = self.ctx();
        let now = cx.now;
        let Some(e) = cx.state.endpoints.get_mut(&request.url) else {
            return Response::NoConnection;
        };
        let id = serde_json::from_slice::<Value>(&readable_body(&request))
            .ok()
            .and_then(|b| b["requestId"].as_str().map(str::to_string))
            .unwrap_or_default();
        let stamp = now.epoch_millis();
        let response = match e.behavior_at(now) {
            Behavior::Accept => Response::Answered {
                status: 200,
                body: json!({ "requestId": id, "timestamp": stamp }).to_string(),
                after_s: 0,
            },
            Behavior::Error => Response::Answered {
                status: e.status,
                body: json!({ "requestId": id, "timestamp": stamp, "errorMessage": e.message })
                    .to_string(),
                after_s: 0,
            },
            Behavior::Timeout => Response::TimedOut,
            Behavior::Slow if u64::from(e.delay_s) >= RESPONSE_TIMEOUT.as_secs() => {
                Response::TimedOut
            }
            Behavior::Slow => Response::Answered {
                status: 200,
                body: json!({ "requestId": id, "timestamp": stamp + i64::from(e.delay_s) * 1000 })
                    .to_string(),
                after_s: e.delay_s,
            },
        };
        e.requests.push_back(Received {
            time: now,
            request,
            response: response.clone(),
        });
        while e.requests.len() > KEPT_REQUESTS {
            e.requests.pop_front();
        }
        response
    }
}

/// The learner's endpoints in the registry.
pub const SERVICE: Service = Service {
    prefix: "HttpEndpoints",
    operations: &[
        changes("PutEndpoint", |sb, body| put_endpoint(&mut sb.ctx(), body)),
        reads("GetEndpoint", |sb, body| get_endpoint(&mut sb.ctx(), body)),
        reads("ListEndpoints", |sb, body| {
            list_endpoints(&mut sb.ctx(), body)
        }),
        changes("DeleteEndpoint", |sb, body| {
            delete_endpoint(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["Url"],
    on_time_passed: None,
    cli: None,
};
