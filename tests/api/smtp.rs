//! A real SMTP server on 127.0.0.1 that keeps what it is sent: the tests' mail server. It
//! speaks the protocol as a relay does (greeting, EHLO, MAIL, RCPT, DATA with dot-stuffing,
//! RSET, NOOP, QUIT), over TCP, on a port of its own; it can be stopped, so that connections
//! are refused as when a mail server is down, and started again on the same port.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub raw: String,
}

impl Received {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(self.raw.as_bytes()).expect("a readable message")
    }

    pub fn header(&self, name: &str) -> String {
        use mailparse::MailHeaderMap;
        self.parsed()
            .headers
            .get_first_value(name)
            .unwrap_or_default()
    }

    pub fn subject(&self) -> String {
        self.header("Subject")
    }

    /// The body of the part of this type (`text/plain`, `text/html`), decoded.
    pub fn part(&self, mime: &str) -> String {
        fn find(part: &mailparse::ParsedMail, mime: &str) -> Option<String> {
            if part.ctype.mimetype == mime {
                return part.get_body().ok();
            }
            part.subparts.iter().find_map(|p| find(p, mime))
        }
        find(&self.parsed(), mime).unwrap_or_default()
    }

    pub fn text(&self) -> String {
        self.part("text/plain")
    }
}

pub struct SmtpSink {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    running: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl SmtpSink {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().unwrap().port();
        let mut sink = Self {
            port,
            received: Arc::default(),
            running: Arc::default(),
            thread: None,
        };
        sink.serve(listener);
        sink
    }

    /// `smtp://127.0.0.1:PORT`, for `mail.smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn serve(&mut self, listener: TcpListener) {
        listener.set_nonblocking(true).unwrap();
        self.running.store(true, Ordering::SeqCst);
        let (running, received) = (self.running.clone(), self.received.clone());
        self.thread = Some(std::thread::spawn(move || {
            while running.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let received = received.clone();
                        std::thread::spawn(move || converse(stream, &received));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        }));
    }

    /// Stops listening: connections are refused until [`Self::restart`].
    pub fn stop(&mut self) {
        self.running.store(false, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }

    /// Listens again on the same port.
    pub fn restart(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the same port again");
        self.serve(listener);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// The messages to `address`.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == address))
            .collect()
    }

    /// Waits until at least `count` messages have come (at most `within`); all received.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let until = Instant::now() + within;
        while self.received().len() < count && Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.received()
    }

    /// Waits long enough for anything queued to have come, then says what came: for checking
    /// that nothing more does.
    pub async fn settle(&self, quiet: Duration) -> Vec<Received> {
        let mut seen = self.received().len();
        loop {
            tokio::time::sleep(quiet).await;
            let now = self.received().len();
            if now == seen {
                return self.received();
            }
            seen = now;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One SMTP session with a client.
fn converse(stream: TcpStream, received: &Mutex<Vec<Received>>) {
    stream.set_nonblocking(false).ok();
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut writer = stream.try_clone().expect("a second handle on the stream");
    let mut reader = BufReader::new(stream);
    let mut reply = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
    if !reply("220 127.0.0.1 test mail sink ready") {
        return;
    }
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let ok = match verb.as_str() {
            "EHLO" => reply("250-127.0.0.1 greets you\r\n250-8BITMIME\r\n250 SMTPUTF8"),
            "HELO" => reply("250 127.0.0.1"),
            "MAIL" => {
                from = address_in(&command);
                to.clear();
                reply("250 OK")
            }
            "RCPT" => {
                to.push(address_in(&command));
                reply("250 OK")
            }
            "DATA" => {
                if !reply("354 End data with <CR><LF>.<CR><LF>") {
                    return;
                }
                let Some(raw) = read_data(&mut reader) else {
                    return;
                };
                received.lock().unwrap().push(Received {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    raw,
                });
                reply("250 OK: queued")
            }
            "RSET" => {
                (from, to) = (String::new(), Vec::new());
                reply("250 OK")
            }
            "NOOP" => reply("250 OK"),
            "QUIT" => {
                reply("221 Bye");
                return;
            }
            _ => reply("502 Command not implemented"),
        };
        if !ok {
            return;
        }
    }
}

/// The address between angle brackets in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

/// The message after DATA, up to the line holding one dot, with dot-stuffing undone.
fn read_data(reader: &mut impl BufRead) -> Option<String> {
    let mut raw = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == ".\r\n" || line == ".\n" {
            return Some(raw);
        }
        raw.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}
