package dev.servescope.app.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTest {

  @Test
  void cancelClosesWhatIsRegisteredOnceAndOnlyWhileRegistered() {
    Cancellation c = new Cancellation();
    AtomicInteger closedA = new AtomicInteger();
    AtomicInteger closedB = new AtomicInteger();
    Cancellation.Registration a = c.register(closedA::incrementAndGet);
    c.register(closedB::incrementAndGet).close();
    c.check();
    c.cancel();
    c.cancel();
    assertThat(closedA).hasValue(1);
    assertThat(closedB).as("deregistered before the cancel").hasValue(0);
    assertThatThrownBy(c::check).isInstanceOf(CancellationException.class);
    a.close();
  }

  @Test
  void registeringAfterCancelClosesAtOnce() {
    Cancellation c = new Cancellation();
    c.cancel();
    AtomicInteger closed = new AtomicInteger();
    c.register(closed::incrementAndGet);
    assertThat(closed).hasValue(1);
  }
}
