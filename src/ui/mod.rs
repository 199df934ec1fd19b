//! Yew pages.
