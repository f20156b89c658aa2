// Compiled into ThreadSanitizer builds only (LOCKLAB_SANITIZE_THREAD).
//
// A queued signal hands its arguments, and whatever its emitter wrote before
// it, to the receiving thread through Qt's posted-event queue. The queue is
// guarded by a QMutex, a futex inside the distribution's libQt6Core, which
// TSan does not see: every value a worker emits (a plan, a probe sample, a
// lock snapshot) was reported as a race when the receiver read it. Qt offers
// two hooks that bracket the hand-off, and they declare it to TSan here:
// each emission releases on the sender, and the delivery of a queued call
// from that sender acquires it before the slot runs.
//
// The pairing is by sender, not by call: a slot also sees what its sender
// did up to a later emission, so a sender that changes shared data after
// emitting can hide a race from a slot that is slow to run. That is the
// price of using Qt's hooks; LockLab's workers emit values, not pointers.
// Qt copies the arguments after the emission hook has run, so the copy itself
// is covered by a suppression (QMetaTypeForType's copy constructor, in
// installer/tsan.supp), not by this.

#include "core/observe/QueuedCall.h"

#include <QtCore/private/qobject_p.h>

extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);

namespace locklab {

namespace {

void onEmit(QObject* sender, int, void**)
{
    __tsan_release(sender);
}

bool onDeliver(void** data)
{
    const auto* event = static_cast<const QEvent*>(data[1]);
    // The event was made by Qt on the sender's thread and published through
    // that same queue: its type and sender are read before the acquire.
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    const QObject* sender = event->type() == QEvent::MetaCall
        ? static_cast<const QAbstractMetaCallEvent*>(event)->sender()
        : nullptr;
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    if (sender)
        __tsan_acquire(const_cast<QObject*>(sender));
    return false; // deliver as usual
}

} // namespace

bool declareQtHandoffsToTsan()
{
    static QSignalSpyCallbackSet callbacks { onEmit, nullptr, nullptr, nullptr };
    static const bool declared = [] {
        qt_register_signal_spy_callbacks(&callbacks);
        return QInternal::registerCallback(QInternal::EventNotifyCallback, onDeliver);
    }();
    return declared;
}

} // namespace locklab
