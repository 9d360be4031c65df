//! A value computed on another thread while the caller goes on, or one that
//! is ready already: the wizard loads the embedded guide this way while it
//! sets up the terminal.

use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

pub struct Background<T> {
    value: OnceLock<T>,
    thread: Mutex<Option<JoinHandle<T>>>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts computing `f()` on another thread.
    pub fn spawn(f: fn() -> T) -> Background<T> {
        Background {
            value: OnceLock::new(),
            thread: Mutex::new(Some(std::thread::spawn(f))),
        }
    }

    pub fn ready(value: T) -> Background<T> {
        Background {
            value: OnceLock::from(value),
            thread: Mutex::new(None),
        }
    }

    /// The value, waiting for the thread the first time. A panic on the
    /// thread is raised again here, on the caller's.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let thread = self
                .thread
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .take()
                .expect("a value not yet set has its thread");
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gives_the_value_once_computed_or_given() {
        let b = Background::spawn(|| 6 * 7);
        assert_eq!((*b.get(), *b.get()), (42, 42));
        assert_eq!(*Background::ready("x").get(), "x");
    }

    #[test]
    fn a_panic_on_the_thread_reaches_the_caller() {
        let b: Background<u8> = Background::spawn(|| panic!("broken"));
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| *b.get()));
        assert!(caught.is_err());
    }
}
