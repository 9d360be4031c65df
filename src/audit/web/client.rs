//! The HTTP client of `check URL`: one agent (TLS, proxies from the environment, a timeout and a size cap per request), redirects followed by hand so that each hop is vetted, and one request at a time per host.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ureq::tls::{RootCerts, TlsConfig};

use crate::error::{Error, Result};

/// At most this many redirects per request; one more is a loop.
const MAX_REDIRECTS: usize = 10;

/// Hosts `check` never sends a request to, whatever a page links or
/// redirects to: the button and the Safety Centre are judged by their
/// address, never fetched.
const NEVER: [&str; 2] = ["ceop.police.uk", "ceop.gov.uk"];

/// What one request brought back (after any redirects).
#[derive(Debug)]
pub struct Got {
    /// Where the body came from: the last address of the redirect chain.
    pub url: url::Url,
    /// The addresses redirected from, in order (empty without redirects).
    pub redirects: Vec<url::Url>,
    pub status: u16,
    /// The media type, lower-case, without parameters.
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Why a request gave nothing to judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The body is larger than the cap (in bytes).
    TooLarge(u64),
    /// Anything else, in words for a note.
    Other(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::TooLarge(cap) => write!(f, "larger than {} MB; not read", cap / (1024 * 1024)),
            Failure::Other(why) => f.write_str(why),
        }
    }
}

impl From<String> for Failure {
    fn from(why: String) -> Failure {
        Failure::Other(why)
    }
}

/// The client, shared by every host's worker.
pub struct Client {
    agent: ureq::Agent,
    delay: Duration,
    /// When each host (`host:port`) was last asked: one request at a time
    /// per host, `delay` apart.
    gates: Mutex<HashMap<String, Arc<Mutex<Option<Instant>>>>>,
}

impl Client {
    /// An agent with the system's roots (or only those of `ca_file`), the
    /// proxy the environment names, `timeout` for each whole request.
    pub fn new(ca_file: Option<&Path>, timeout: Duration, delay: Duration) -> Result<Client> {
        let roots = match ca_file {
            Some(path) => RootCerts::Specific(Arc::new(read_ca_file(path)?)),
            None => RootCerts::PlatformVerifier,
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(timeout))
            .user_agent(user_agent())
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build()
            .new_agent();
        Ok(Client {
            agent,
            delay,
            gates: Mutex::new(HashMap::new()),
        })
    }

    /// GETs `url`, following redirects while `may_follow` allows the next
    /// address (or says why not: "it is on another site"); reads at most
    /// `cap` bytes of body (more is a failure).
    pub fn get(
        &self,
        url: &url::Url,
        cap: u64,
        may_follow: &dyn Fn(&url::Url) -> std::result::Result<(), &'static str>,
    ) -> std::result::Result<Got, Failure> {
        let mut current = url.clone();
        let mut redirects = Vec::new();
        loop {
            if is_never(&current) {
                return Err(format!("not fetched: {current} is one of CEOP's servers").into());
            }
            let mut response = self.once(&current)?;
            let status = response.status().as_u16();
            if (300..400).contains(&status)
                && let Some(location) = response.headers().get("location")
            {
                let next = location
                    .to_str()
                    .ok()
                    .and_then(|l| current.join(l).ok())
                    .ok_or_else(|| {
                        Failure::Other(format!(
                            "HTTP {status}: a redirect to an address that cannot be read"
                        ))
                    })?;
                redirects.push(current);
                if redirects.contains(&next) || redirects.len() > MAX_REDIRECTS {
                    return Err(format!("a redirect loop (via {next})").into());
                }
                let refused = if is_never(&next) {
                    Err("it is one of CEOP's servers")
                } else {
                    may_follow(&next)
                };
                if let Err(why) = refused {
                    return Err(
                        format!("HTTP {status}: redirects to {next}, not followed: {why}").into(),
                    );
                }
                current = next;
                continue;
            }
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(|v| {
                    v.split(';')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            let body = response
                .body_mut()
                .with_config()
                .limit(cap)
                .read_to_vec()
                .map_err(|e| match e {
                    ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge(cap),
                    e => Failure::Other(describe(&e)),
                })?;
            return Ok(Got {
                url: current,
                redirects,
                status,
                content_type,
                body,
            });
        }
    }

    /// One request, waiting for its host's turn.
    fn once(
        &self,
        url: &url::Url,
    ) -> std::result::Result<ureq::http::Response<ureq::Body>, Failure> {
        let gate = {
            let key = host_key(url);
            let mut gates = self.gates.lock().unwrap_or_else(|e| e.into_inner());
            gates.entry(key).or_default().clone()
        };
        let mut last = gate.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = *last {
            let since = at.elapsed();
            if since < self.delay {
                std::thread::sleep(self.delay - since);
            }
        }
        let r = self.agent.get(url.as_str()).call();
        *last = Some(Instant::now());
        r.map_err(|e| Failure::Other(describe(&e)))
    }
}

/// `host:port` of an address: the unit of politeness.
pub fn host_key(url: &url::Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// Whether `url` is on one of CEOP's servers.
pub fn is_never(url: &url::Url) -> bool {
    let host = url
        .host_str()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_ascii_lowercase();
    NEVER
        .iter()
        .any(|n| host == *n || host.ends_with(&format!(".{n}")))
}

/// `ceop-onboard/VERSION (+check)`: the tool and its version.
pub fn user_agent() -> String {
    format!("ceop-onboard/{} (check)", env!("CARGO_PKG_VERSION"))
}

/// A failed request in words for a person.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out (see --timeout)".into(),
        ureq::Error::HostNotFound => "the host name is not known (DNS)".into(),
        ureq::Error::ConnectionFailed => "cannot connect to the host".into(),
        ureq::Error::Tls(m) => format!("TLS error: {m} (see --ca-file)"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            "timed out (see --timeout)".into()
        }
        e => {
            let text = e.to_string();
            let text = text.strip_prefix("io: ").unwrap_or(&text);
            let tls = [
                "certificate",
                "corrupt message",
                "handshake",
                "alert",
                "tls",
                "TLS",
            ];
            if tls.iter().any(|w| text.contains(w)) {
                format!(
                    "TLS error: {text} (a certificate this machine does not trust, see --ca-file; or a server that does not speak https)"
                )
            } else {
                text.to_string()
            }
        }
    }
}

/// The certificates of a PEM file, for `--ca-file`.
fn read_ca_file(path: &Path) -> Result<Vec<ureq::tls::Certificate<'static>>> {
    let fix = "give a PEM file holding the CA certificate(s) to trust";
    let bytes = crate::audit::inputs::read(path).map_err(|(_, d)| {
        Error::usage(
            format!(
                "{}: --ca-file cannot be read{}",
                path.display(),
                d.map_or(String::new(), |d| format!(" ({d})"))
            ),
            fix,
        )
    })?;
    let certs: Vec<_> = ureq::tls::parse_pem(&bytes)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(Error::usage(
            format!("{}: --ca-file holds no PEM certificate", path.display()),
            fix,
        ));
    }
    Ok(certs)
}
