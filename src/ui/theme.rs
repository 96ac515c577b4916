//! Styles. With colour off (NO_COLOR) only modifiers are used, so the selection stays visible
//! through reverse video and bold.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::engine::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn selected(self) -> Style {
        let s = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if self.color { s.fg(Color::Cyan) } else { s }
    }
    pub fn header(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color { s.fg(Color::Yellow) } else { s }
    }
    pub fn title(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color {
            s.fg(Color::Black).bg(Color::Cyan)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn key(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color { s.fg(Color::Cyan) } else { s }
    }
    pub fn error(self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD);
        if self.color { s.fg(Color::Red) } else { s }
    }
    pub fn status(self, st: Status) -> Style {
        if !self.color {
            return match st {
                Status::Vetoed | Status::Fail => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
        }
        match st {
            Status::NotStarted => Style::new().fg(Color::DarkGray),
            Status::InProgress => Style::new().fg(Color::Yellow),
            Status::Vetoed => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::Pass => Style::new().fg(Color::Green),
            Status::Fail => Style::new().fg(Color::Red),
        }
    }
}
