#include "app/RebuildBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace locklab {

RebuildBanner::RebuildBanner(QWidget* parent)
    : QFrame(parent)
{
    setObjectName("rebuildBanner");
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet("#rebuildBanner { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 3px; }");
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    m_text = new QLabel(this);
    m_text->setObjectName("rebuildBannerText");
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    layout->addWidget(m_text, 1);
    m_action = new QPushButton(this);
    m_action->setObjectName("rebuildButton");
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    connect(m_action, &QPushButton::clicked, this, [this]() {
        if (m_advice.remedy == RebuildAdvice::Remedy::VacuumFull)
            emit rebuildRequested(m_advice.tables);
        else
            emit reseedRequested();
    });
    hide();
}

void RebuildBanner::update(const SchemaSnapshot& snapshot, bool measuredStep)
{
    const std::optional<RebuildAdvice> advice = measuredStep ? TableHealth::advice(snapshot) : std::nullopt;
    if (!advice) {
        hide();
        return;
    }
    m_advice = *advice;
    m_text->setText(advice->summary);
    m_text->setToolTip(advice->reason); // the whole story, one hover away
    m_action->setToolTip(advice->reason);
    m_action->setText(advice->remedy == RebuildAdvice::Remedy::VacuumFull ? tr("Rebuild tables (VACUUM FULL)")
                                                                          : tr("Go to lesson 1 to seed again"));
    show();
}

QString RebuildBanner::text() const
{
    return isHidden() ? QString() : m_text->text() + '\n' + m_text->toolTip();
}

} // namespace locklab
