#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>

namespace locklab::test {

// Answers the app's modal message boxes the way a user would, so a GUI test
// can go through them: it clicks the button labelled `preferred`, else Yes,
// else the first button, and keeps what each box said.
class MessageBoxAnswerer : public QObject
{
public:
    explicit MessageBoxAnswerer(const QString& preferred = QString(), QObject* parent = nullptr)
        : QObject(parent)
        , m_preferred(preferred)
    {
        connect(&m_timer, &QTimer::timeout, this, &MessageBoxAnswerer::answer);
        m_timer.start(50);
    }

    QStringList texts() const { return m_texts; }
    bool sawText(const QString& part) const
    {
        return std::any_of(m_texts.cbegin(), m_texts.cend(), [&](const QString& t) { return t.contains(part); });
    }

private:
    void answer()
    {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            auto* box = qobject_cast<QMessageBox*>(widget);
            if (!box || !box->isVisible() || box->buttons().isEmpty())
                continue;
            m_texts << box->text() + '\n' + box->informativeText();
            QAbstractButton* choice = box->button(QMessageBox::Yes) ? box->button(QMessageBox::Yes)
                                                                    : box->buttons().first();
            for (QAbstractButton* button : box->buttons()) {
                if (!m_preferred.isEmpty() && button->text() == m_preferred)
                    choice = button;
            }
            choice->click();
        }
    }

    QString m_preferred;
    QStringList m_texts;
    QTimer m_timer;
};

} // namespace locklab::test
