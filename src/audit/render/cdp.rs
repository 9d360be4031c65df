//! A small client of the Chrome DevTools Protocol over `--remote-debugging-pipe`: numbered commands out on one pipe, replies and events back on another, each a JSON message ended by a NUL byte. No port is opened, so no other user of the machine can reach the browser.
//!
//! A thread reads the browser's pipe and hands every message over a
//! channel; a call waits on that channel (never by polling the browser)
//! for its reply, keeping the events that arrive meanwhile for
//! [`Client::wait_for`]. Every wait has a deadline and gives up at once
//! when the run is interrupted (a signal's number in `stop`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The largest message read from the browser (a screenshot is the
/// biggest reply asked for: at most 640×320 px, well under a megabyte).
pub const MAX_MESSAGE: usize = 64 << 20;

/// Events kept while nothing waits for them; the oldest go first.
const MAX_EVENTS: usize = 1000;

/// How often a wait looks at `stop` while no message comes.
const TICK: Duration = Duration::from_millis(50);

/// A message from the browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The answer to command `id`: its result, or the browser's error.
    Reply {
        id: u64,
        outcome: std::result::Result<Value, String>,
    },
    /// Something that happened, in a session (a page) or the browser.
    Event(Event),
}

/// A protocol event: `Page.lifecycleEvent` and the like.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub method: String,
    pub session: Option<String>,
    pub params: Value,
}

/// Why a command got no result.
#[derive(Debug, Clone, PartialEq)]
pub enum CdpError {
    /// The browser answered with an error.
    Browser { method: String, message: String },
    /// No answer in time.
    Timeout {
        waiting_for: String,
        after: Duration,
    },
    /// The browser closed its pipe (it exited or crashed).
    Closed(String),
    /// A signal asked the run to stop.
    Interrupted,
}

impl fmt::Display for CdpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CdpError::Browser { method, message } => write!(f, "{method} failed: {message}"),
            CdpError::Timeout { waiting_for, after } => {
                write!(f, "no {waiting_for} after {} s", after.as_secs())
            }
            CdpError::Closed(why) => write!(f, "the browser went away ({why})"),
            CdpError::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl std::error::Error for CdpError {}

/// The bytes of command `id` as the pipe carries them: JSON, then NUL.
pub fn frame(id: u64, method: &str, params: &Value, session: Option<&str>) -> Vec<u8> {
    let mut message = json!({ "id": id, "method": method, "params": params });
    if let Some(s) = session {
        message["sessionId"] = Value::String(s.to_string());
    }
    let mut bytes = serde_json::to_vec(&message).expect("a JSON value serialises");
    bytes.push(0);
    bytes
}

/// Reads one message up to its NUL (which is not returned); `None` when
/// the pipe ends between messages. A message longer than `limit`, or cut
/// off by the end of the pipe, is an error.
pub fn read_message<R: BufRead>(from: &mut R, limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    let n = from.take(limit as u64 + 1).read_until(0, &mut bytes)?;
    if n == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&0) {
        let why = if bytes.len() > limit {
            format!("a message longer than {limit} bytes")
        } else {
            "the pipe ended inside a message".to_string()
        };
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, why));
    }
    bytes.pop();
    Ok(Some(bytes))
}

/// What one message from the browser says.
pub fn parse(bytes: &[u8]) -> std::result::Result<Message, String> {
    let v: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    if let Some(id) = v.get("id") {
        let id = id.as_u64().ok_or("an id that is not a number")?;
        let outcome = match (v.get("result"), v.get("error")) {
            (_, Some(e)) => Err(e
                .get("message")
                .and_then(Value::as_str)
                .map_or_else(|| e.to_string(), str::to_string)),
            (Some(r), None) => Ok(r.clone()),
            (None, None) => Ok(Value::Null),
        };
        return Ok(Message::Reply { id, outcome });
    }
    let method = v
        .get("method")
        .and_then(Value::as_str)
        .ok_or("neither a reply nor an event")?;
    Ok(Message::Event(Event {
        method: method.to_string(),
        session: v
            .get("sessionId")
            .and_then(Value::as_str)
            .map(str::to_string),
        params: v.get("params").cloned().unwrap_or(Value::Null),
    }))
}

/// Events received while nothing waited for them, oldest first; at most
/// `cap`, the oldest dropped to make room.
#[derive(Debug, Default)]
pub struct Events {
    kept: VecDeque<Event>,
    cap: usize,
}

impl Events {
    pub fn with_cap(cap: usize) -> Events {
        Events {
            kept: VecDeque::new(),
            cap,
        }
    }

    pub fn keep(&mut self, event: Event) {
        while self.kept.len() >= self.cap.max(1) {
            self.kept.pop_front();
        }
        self.kept.push_back(event);
    }

    /// The oldest event `wanted` says yes to, taken out.
    pub fn take(&mut self, wanted: impl Fn(&Event) -> bool) -> Option<Event> {
        let i = self.kept.iter().position(wanted)?;
        self.kept.remove(i)
    }

    pub fn clear(&mut self) {
        self.kept.clear();
    }
}

/// One end of the browser's pipes: commands go out, messages come in.
pub struct Client {
    to_browser: RefCell<Box<dyn Write + Send>>,
    from_browser: Receiver<std::result::Result<Message, String>>,
    next: Cell<u64>,
    events: RefCell<Events>,
    closed: RefCell<Option<String>>,
    stop: Arc<AtomicUsize>,
}

impl Client {
    /// Talks to the browser through `to_browser` (its fd 3) and
    /// `from_browser` (its fd 4); gives up waiting once `stop` is not 0.
    pub fn new(
        to_browser: impl Write + Send + 'static,
        from_browser: impl Read + Send + 'static,
        stop: Arc<AtomicUsize>,
    ) -> Client {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, from_browser);
            loop {
                let sent = match read_message(&mut reader, MAX_MESSAGE) {
                    Ok(Some(bytes)) => match parse(&bytes) {
                        Ok(m) => tx.send(Ok(m)),
                        // One message not understood is skipped.
                        Err(_) => Ok(()),
                    },
                    Ok(None) => {
                        let _ = tx.send(Err("its pipe closed".to_string()));
                        return;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        });
        Client {
            to_browser: RefCell::new(Box::new(to_browser)),
            from_browser: rx,
            next: Cell::new(1),
            events: RefCell::new(Events::with_cap(MAX_EVENTS)),
            closed: RefCell::new(None),
            stop,
        }
    }

    /// Sends `method` to `session` (a page; the browser itself when
    /// `None`) and waits at most `timeout` for its result.
    pub fn call(
        &self,
        method: &str,
        params: Value,
        session: Option<&str>,
        timeout: Duration,
    ) -> std::result::Result<Value, CdpError> {
        let id = self.send(method, &params, session)?;
        let deadline = Instant::now() + timeout;
        loop {
            match self.next_message(deadline, method, timeout)? {
                Message::Reply { id: got, outcome } if got == id => {
                    return outcome.map_err(|message| CdpError::Browser {
                        method: method.to_string(),
                        message,
                    });
                }
                Message::Reply { .. } => {}
                Message::Event(e) => self.keep(e),
            }
        }
    }

    /// Sends `method` without waiting for its reply (which is skipped
    /// when it comes); its id.
    pub fn send(
        &self,
        method: &str,
        params: &Value,
        session: Option<&str>,
    ) -> std::result::Result<u64, CdpError> {
        self.check()?;
        let id = self.next.get();
        self.next.set(id + 1);
        let bytes = frame(id, method, params, session);
        let mut out = self.to_browser.borrow_mut();
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(|e| self.close(e.to_string()))?;
        Ok(id)
    }

    /// Forgets the events received so far.
    pub fn clear_events(&self) {
        self.events.borrow_mut().clear();
    }

    /// Waits at most `timeout` for an event `wanted` says yes to (one
    /// already received counts); `what` names it in the error.
    pub fn wait_for(
        &self,
        what: &str,
        timeout: Duration,
        wanted: impl Fn(&Event) -> bool,
    ) -> std::result::Result<Event, CdpError> {
        if let Some(e) = self.events.borrow_mut().take(&wanted) {
            return Ok(e);
        }
        let deadline = Instant::now() + timeout;
        loop {
            match self.next_message(deadline, what, timeout)? {
                Message::Event(e) if wanted(&e) => return Ok(e),
                Message::Event(e) => self.keep(e),
                Message::Reply { .. } => {}
            }
        }
    }

    fn keep(&self, event: Event) {
        self.events.borrow_mut().keep(event);
    }

    /// The next message, waiting until `deadline` at most.
    fn next_message(
        &self,
        deadline: Instant,
        waiting_for: &str,
        timeout: Duration,
    ) -> std::result::Result<Message, CdpError> {
        loop {
            self.check()?;
            let now = Instant::now();
            if now >= deadline {
                return Err(CdpError::Timeout {
                    waiting_for: waiting_for.to_string(),
                    after: timeout,
                });
            }
            match self.from_browser.recv_timeout((deadline - now).min(TICK)) {
                Ok(Ok(m)) => return Ok(m),
                Ok(Err(why)) => return Err(self.close(why)),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(self.close("its pipe closed".to_string()));
                }
            }
        }
    }

    /// Stopped by a signal, or the pipe is gone.
    fn check(&self) -> std::result::Result<(), CdpError> {
        if self.stop.load(Ordering::SeqCst) != 0 {
            return Err(CdpError::Interrupted);
        }
        match &*self.closed.borrow() {
            Some(why) => Err(CdpError::Closed(why.clone())),
            None => Ok(()),
        }
    }

    fn close(&self, why: String) -> CdpError {
        *self.closed.borrow_mut() = Some(why.clone());
        CdpError::Closed(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn a_command_is_one_json_object_ended_by_nul_with_its_session() {
        let bytes = frame(7, "Page.navigate", &json!({"url": "file:///a"}), Some("S1"));
        assert_eq!(bytes.last(), Some(&0));
        assert_eq!(bytes.iter().filter(|&&b| b == 0).count(), 1);
        let v: Value = serde_json::from_slice(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(
            v,
            json!({"id": 7, "method": "Page.navigate", "params": {"url": "file:///a"}, "sessionId": "S1"})
        );
        let browser = frame(1, "Browser.close", &json!({}), None);
        let v: Value = serde_json::from_slice(&browser[..browser.len() - 1]).unwrap();
        assert!(
            v.get("sessionId").is_none(),
            "a browser command has no session"
        );
    }

    #[test]
    fn a_nul_inside_a_string_is_escaped_so_it_cannot_end_the_message() {
        let bytes = frame(1, "Runtime.evaluate", &json!({"expression": "'\0'"}), None);
        assert_eq!(bytes.iter().position(|&b| b == 0), Some(bytes.len() - 1));
    }

    #[test]
    fn messages_are_split_at_each_nul_and_the_end_of_the_pipe_is_none() {
        let mut pipe = Cursor::new(b"{\"id\":1}\0{\"id\":2,\"result\":{}}\0".to_vec());
        assert_eq!(
            read_message(&mut pipe, 100).unwrap().unwrap(),
            b"{\"id\":1}"
        );
        assert_eq!(
            read_message(&mut pipe, 100).unwrap().unwrap(),
            b"{\"id\":2,\"result\":{}}"
        );
        assert_eq!(read_message(&mut pipe, 100).unwrap(), None);
    }

    #[test]
    fn a_message_cut_off_by_the_end_of_the_pipe_is_an_error() {
        let mut pipe = Cursor::new(b"{\"id\":1}\0{\"id\":2".to_vec());
        read_message(&mut pipe, 100).unwrap();
        let e = read_message(&mut pipe, 100).unwrap_err();
        assert!(e.to_string().contains("ended inside"), "{e}");
        let at_the_limit = Cursor::new(b"0123456789".to_vec());
        let e = read_message(&mut BufReader::new(at_the_limit), 10).unwrap_err();
        assert!(e.to_string().contains("ended inside"), "{e}");
    }

    #[test]
    fn the_largest_picture_fits_in_one_message() {
        // 640×320 px of RGBA, not compressed at all, in base64.
        let picture = 640 * 320 * 4 * 4 / 3;
        assert!(MAX_MESSAGE > 2 * picture, "{MAX_MESSAGE}");
    }

    #[test]
    fn a_message_longer_than_the_limit_is_refused() {
        let exactly = Cursor::new(b"0123456789\0".to_vec());
        assert_eq!(
            read_message(&mut BufReader::new(exactly), 10)
                .unwrap()
                .unwrap(),
            b"0123456789"
        );
        let over = Cursor::new(b"0123456789A\0".to_vec());
        let e = read_message(&mut BufReader::new(over), 10).unwrap_err();
        assert!(e.to_string().contains("longer than 10"), "{e}");
    }

    #[test]
    fn a_reply_carries_its_result_or_the_browsers_error() {
        assert_eq!(
            parse(br#"{"id":3,"result":{"frameId":"F"}}"#).unwrap(),
            Message::Reply {
                id: 3,
                outcome: Ok(json!({"frameId": "F"}))
            }
        );
        assert_eq!(
            parse(br#"{"id":4,"error":{"code":-32000,"message":"No target with given id"}}"#)
                .unwrap(),
            Message::Reply {
                id: 4,
                outcome: Err("No target with given id".to_string())
            }
        );
        assert_eq!(
            parse(br#"{"id":5}"#).unwrap(),
            Message::Reply {
                id: 5,
                outcome: Ok(Value::Null)
            }
        );
    }

    #[test]
    fn an_event_carries_its_method_session_and_params() {
        assert_eq!(
            parse(br#"{"method":"Page.lifecycleEvent","params":{"name":"load"},"sessionId":"S"}"#)
                .unwrap(),
            Message::Event(Event {
                method: "Page.lifecycleEvent".into(),
                session: Some("S".into()),
                params: json!({"name": "load"}),
            })
        );
        let browser_wide = parse(br#"{"method":"Target.targetCreated","params":{}}"#).unwrap();
        assert!(matches!(
            browser_wide,
            Message::Event(Event { session: None, .. })
        ));
    }

    fn event(method: &str, n: u64) -> Event {
        Event {
            method: method.into(),
            session: None,
            params: json!({ "n": n }),
        }
    }

    #[test]
    fn a_kept_event_is_taken_once_the_oldest_match_first() {
        let mut events = Events::with_cap(10);
        events.keep(event("Page.frameNavigated", 1));
        events.keep(event("Page.lifecycleEvent", 2));
        events.keep(event("Page.lifecycleEvent", 3));
        let load = |e: &Event| e.method == "Page.lifecycleEvent";
        assert_eq!(events.take(load), Some(event("Page.lifecycleEvent", 2)));
        assert_eq!(events.take(load), Some(event("Page.lifecycleEvent", 3)));
        assert_eq!(events.take(load), None);
        assert_eq!(events.take(|_| true), Some(event("Page.frameNavigated", 1)));
    }

    #[test]
    fn past_the_cap_the_oldest_events_are_dropped() {
        let mut events = Events::with_cap(2);
        for n in 1..=3 {
            events.keep(event("E", n));
        }
        assert_eq!(events.take(|_| true), Some(event("E", 2)));
        assert_eq!(events.take(|_| true), Some(event("E", 3)));
        assert_eq!(events.take(|_| true), None);
        events.keep(event("E", 4));
        events.clear();
        assert_eq!(events.take(|_| true), None, "cleared");
    }

    #[test]
    fn each_failure_says_what_went_wrong() {
        let timeout = CdpError::Timeout {
            waiting_for: "load event".into(),
            after: Duration::from_secs(30),
        };
        assert_eq!(timeout.to_string(), "no load event after 30 s");
        let browser = CdpError::Browser {
            method: "Page.navigate".into(),
            message: "Cannot navigate to invalid URL".into(),
        };
        assert_eq!(
            browser.to_string(),
            "Page.navigate failed: Cannot navigate to invalid URL"
        );
        let closed = CdpError::Closed("its pipe closed".into());
        assert_eq!(
            closed.to_string(),
            "the browser went away (its pipe closed)"
        );
        assert_eq!(CdpError::Interrupted.to_string(), "interrupted");
    }

    #[test]
    fn what_is_neither_reply_nor_event_is_refused() {
        assert!(parse(b"[1]").is_err());
        assert!(parse(b"{\"id\":\"x\"}").is_err());
        assert!(parse(b"not json").is_err());
    }
}
