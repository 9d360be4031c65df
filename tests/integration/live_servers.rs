//! Real servers on 127.0.0.1 for the live-site tests: nginx (HTTP and HTTPS with a throwaway CA made by openssl), tinyproxy, and a small TCP server for protocol misbehaviour (a body that never ends, a 50 MB page). Each is stopped by its pid and its temp dir removed on drop.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port free on 127.0.0.1 at the time of asking.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn wait_for(port: u16, child: &mut Child, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited at start: {status}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} did not listen on {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process stopped by its pid, and waited for, on drop.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        stop(&mut self.0);
    }
}

/// Asks a server to stop (SIGTERM: nginx's master then stops its workers,
/// which a SIGKILL would orphan), and kills it if it has not within 5 s.
pub fn stop(child: &mut Child) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: signals our own child, by its pid; no memory is involved.
        unsafe { libc::kill(pid, libc::SIGTERM) };
    }
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// nginx serving `root` over HTTP (and HTTPS with a certificate for
/// 127.0.0.1 signed by a CA made for the test).
pub struct Nginx {
    pub http: u16,
    pub https: u16,
    pub dir: tempfile::TempDir,
    _child: Running,
}

impl Nginx {
    /// Starts nginx on two free ports with `extra` server directives.
    pub fn start(root: &Path, extra: &str) -> Nginx {
        let dir = tempfile::tempdir().expect("temp dir");
        let d = dir.path();
        make_certificates(d);
        let (http, https) = (free_port(), free_port());
        let conf = format!(
            r#"worker_processes 1;
error_log {d}/error.log;
pid {d}/nginx.pid;
user root root;
events {{ worker_connections 64; }}
http {{
  types {{ text/html html; text/css css; image/gif gif; image/png png; application/xml xml; text/plain txt; application/json json; }}
  default_type application/octet-stream;
  log_format probe '$request_uri $status ua=[$http_user_agent] via=[$http_via] gzip=$gzip_ratio';
  access_log {d}/access.log probe;
  client_body_temp_path {d}/tmp;
  proxy_temp_path {d}/tmp;
  fastcgi_temp_path {d}/tmp;
  gzip on; gzip_min_length 1; gzip_types text/css;
  server {{
    listen 127.0.0.1:{http};
    listen 127.0.0.1:{https} ssl;
    ssl_certificate {d}/server.pem;
    ssl_certificate_key {d}/server.key;
    root {root};
    {extra}
  }}
}}
"#,
            d = d.display(),
            root = root.display(),
        );
        std::fs::write(d.join("nginx.conf"), conf).expect("write nginx.conf");
        std::fs::create_dir_all(d.join("tmp")).expect("tmp");
        let mut child = Command::new("nginx")
            .arg("-e")
            .arg(d.join("error.log"))
            .arg("-c")
            .arg(d.join("nginx.conf"))
            .arg("-p")
            .arg(d)
            .args(["-g", "daemon off;"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx (apt-get install nginx-light)");
        wait_for(http, &mut child, "nginx");
        Nginx {
            http,
            https,
            dir,
            _child: Running(child),
        }
    }

    /// The CA certificate that signed the server's.
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// What nginx logged, one request a line.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("access.log")).unwrap_or_default()
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A throwaway CA, and a certificate for 127.0.0.1 that it signs.
fn make_certificates(d: &Path) {
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=ceop-onboard test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ],
    );
    openssl(
        d,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    );
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .expect("ext");
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
}

/// tinyproxy, a real forward proxy, on a free port.
pub struct Tinyproxy {
    pub port: u16,
    dir: tempfile::TempDir,
    _child: Running,
}

impl Tinyproxy {
    /// The connections the proxy opened, as it logged them.
    pub fn connections(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("tinyproxy.log"))
            .unwrap_or_default()
            .matches("Established connection to host")
            .count()
    }

    pub fn start() -> Tinyproxy {
        let dir = tempfile::tempdir().expect("temp dir");
        let port = free_port();
        let conf = format!(
            "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 10\nAllow 127.0.0.1\nLogLevel Info\nLogFile \"{}/tinyproxy.log\"\n",
            dir.path().display()
        );
        std::fs::write(dir.path().join("tinyproxy.conf"), conf).expect("conf");
        let mut child = Command::new("tinyproxy")
            .arg("-d")
            .arg("-c")
            .arg(dir.path().join("tinyproxy.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tinyproxy (apt-get install tinyproxy)");
        wait_for(port, &mut child, "tinyproxy");
        Tinyproxy {
            port,
            dir,
            _child: Running(child),
        }
    }
}

/// How the misbehaving server answers every request.
#[derive(Clone, Copy)]
pub enum Misbehaviour {
    /// An HTML page whose body drips a byte a second and never ends.
    Endless,
    /// An HTML page of 50 MB, sent as fast as it is read.
    Huge,
}

/// A TCP server on a free port that answers each connection with
/// `how`, on its own thread; it stops taking connections when dropped.
pub struct Misbehaving {
    pub port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Misbehaving {
    pub fn start(how: Misbehaviour) -> Misbehaving {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        std::thread::spawn(move || {
            let start = Instant::now();
            while !flag.load(std::sync::atomic::Ordering::SeqCst)
                && start.elapsed() < Duration::from_secs(60)
            {
                match listener.accept() {
                    Ok((s, _)) => {
                        let flag = flag.clone();
                        std::thread::spawn(move || answer(s, how, &flag));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Misbehaving { port, stop }
    }
}

impl Drop for Misbehaving {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

fn answer(mut s: TcpStream, how: Misbehaviour, stop: &std::sync::atomic::AtomicBool) {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = [0u8; 4096];
    let _ = s.read(&mut buf);
    let size = 50 * 1024 * 1024;
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n<!DOCTYPE html><p>"
    );
    if s.write_all(head.as_bytes()).is_err() {
        return;
    }
    let start = Instant::now();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    // Bounded in time and size, whatever the client does.
    while sent < size && start.elapsed() < Duration::from_secs(30) {
        if stop.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let r = match how {
            Misbehaviour::Endless => {
                std::thread::sleep(Duration::from_secs(1));
                s.write_all(b"a").map(|_| 1)
            }
            Misbehaviour::Huge => s.write_all(&chunk).map(|_| chunk.len()),
        };
        match r {
            Ok(n) => sent += n,
            Err(_) => return,
        }
    }
}
