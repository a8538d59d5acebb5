//! The Language Server Protocol's base protocol over standard input and
//! output (`Content-Length` headers, JSON bodies), tolerant of what a
//! client may send: a malformed header is skipped, a body that is not JSON
//! or not a message is answered with an error response and the session
//! goes on, and a body larger than [`MAX_BODY`] is read past without being
//! kept. lsp-server's own reader ends the session on any of these.

use std::io::{self, BufRead, Read, Write};

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message, RequestId, Response};

/// The largest message body kept: a zone file as large as zonelint reads
/// (sent whole by `didOpen`), with room for JSON escapes.
pub const MAX_BODY: usize = 1 << 30;

/// What the reader saw.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A body that is no message: answer with this error (to this request,
    /// when its id could be read).
    Invalid {
        id: Option<RequestId>,
        code: ErrorCode,
        message: String,
    },
}

/// What the writer sends.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// An error response to a request whose id is unknown (`"id": null`).
    ErrorWithoutId {
        code: ErrorCode,
        message: String,
    },
}

/// One message's body, or why there is none.
enum Body {
    Text(Vec<u8>),
    TooLarge(usize),
    End,
}

/// Reads headers up to the blank line and the body they announce.
fn read_body(input: &mut dyn BufRead) -> io::Result<Body> {
    let mut length: Option<usize> = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        // A header line; a client that sends no line end is read up to a
        // bound, then its line is dropped.
        let n = input.take(64 * 1024).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Body::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            // The end of the headers (a blank line before any is skipped).
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_BODY {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Body::TooLarge(length));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Body::Text(body))
}

/// The id of a request that could not be read as a message, if it has one.
fn id_of(value: &serde_json::Value) -> Option<RequestId> {
    match value.get("id")? {
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        serde_json::Value::String(s) => Some(RequestId::from(s.clone())),
        _ => None,
    }
}

/// Reads messages from `input` into `to` until the input ends or the
/// receiver is gone.
pub fn read_loop(mut input: impl BufRead, to: Sender<Incoming>) {
    loop {
        let incoming = match read_body(&mut input) {
            Ok(Body::End) | Err(_) => return,
            Ok(Body::TooLarge(n)) => Incoming::Invalid {
                id: None,
                code: ErrorCode::InvalidRequest,
                message: format!("message of {n} bytes is larger than {MAX_BODY}: dropped"),
            },
            Ok(Body::Text(body)) => match serde_json::from_slice::<serde_json::Value>(&body) {
                Err(e) => Incoming::Invalid {
                    id: None,
                    code: ErrorCode::ParseError,
                    message: format!("not JSON: {e}"),
                },
                Ok(value) => match serde_json::from_value::<Message>(value.clone()) {
                    Ok(message) => Incoming::Message(message),
                    Err(e) => Incoming::Invalid {
                        id: id_of(&value),
                        code: ErrorCode::InvalidRequest,
                        message: format!("not a JSON-RPC message: {e}"),
                    },
                },
            },
        };
        if to.send(incoming).is_err() {
            return;
        }
    }
}

/// Writes what `from` carries to `output` until the senders are gone.
pub fn write_loop(mut output: impl Write, from: Receiver<Outgoing>) -> io::Result<()> {
    for out in from {
        match out {
            Outgoing::Message(message) => message.write(&mut output)?,
            Outgoing::ErrorWithoutId { code, message } => {
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": null,
                    "error": { "code": code as i32, "message": message },
                })
                .to_string();
                write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
                output.flush()?;
            }
        }
    }
    Ok(())
}

/// The error response to an invalid message.
pub fn invalid(id: Option<RequestId>, code: ErrorCode, message: String) -> Outgoing {
    match id {
        Some(id) => Outgoing::Message(Message::Response(Response::new_err(
            id,
            code as i32,
            message,
        ))),
        None => Outgoing::ErrorWithoutId { code, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<Incoming> {
        let (tx, rx) = crossbeam_channel::unbounded();
        read_loop(input, tx);
        rx.into_iter().collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn nonsense_is_answered_and_reading_goes_on() {
        let mut input = String::new();
        input.push_str("garbage without a colon\r\n");
        input.push_str(&frame("{not json"));
        input.push_str(&frame(r#"{"id": 7, "method": 3}"#));
        input.push_str("Content-Length: 99999999999\r\n\r\n");
        let got = read_all(input.as_bytes());
        // The huge length swallows the rest; before it, two errors.
        assert!(
            matches!(
                &got[0],
                Incoming::Invalid {
                    id: None,
                    code: ErrorCode::ParseError,
                    ..
                }
            ),
            "{got:?}"
        );
        assert!(
            matches!(&got[1], Incoming::Invalid { id: Some(id), code: ErrorCode::InvalidRequest, .. } if *id == RequestId::from(7)),
            "{got:?}"
        );
        let ok = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        let got = read_all(format!("Content-Type: x\r\n{ok}{ok}").as_bytes());
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }
}
