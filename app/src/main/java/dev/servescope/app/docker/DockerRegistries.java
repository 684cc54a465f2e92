package dev.servescope.app.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.servescope.app.ladder.Cancellation;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's traffic with registries: a base image's pull, and a rung's image pushed where the user said. */
final class DockerRegistries {
  private static final Logger LOG = LoggerFactory.getLogger(DockerRegistries.class);
  private static final Duration PUSH_LIMIT = Duration.ofMinutes(30);

  private final DockerEngine engine;
  private final DockerClient client;

  DockerRegistries(DockerEngine engine, DockerClient client) {
    this.engine = engine;
    this.client = client;
  }

  /** Tries to pull an image; false when the registry cannot be reached or has no such image. Cancellable. */
  boolean tryPull(String ref, Duration timeout, Cancellation cancellation) {
    ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>();
    try (Cancellation.Registration ignored = cancellation.register(callback)) {
      boolean done = client.pullImageCmd(ref).exec(callback).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      cancellation.check();
      return done && engine.imageExists(ref);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while pulling " + ref);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      cancellation.check();
      LOG.info("cannot pull {}: {}", ref, EngineErrors.rootMessage(e));
      return false;
    }
  }

  /**
   * Tags the image as {@code repository} ({@code HOST:PORT/PATH:TAG}), pushes it, and takes the tag off again, so
   * that the engine holds nothing new. The engine's own settings apply: its trusted certificates and its list of
   * registries it may reach over plain HTTP. No credentials are sent.
   *
   * @throws IllegalStateException with what the registry or the engine answered
   */
  void push(String ref, String repository, Cancellation cancel) {
    int colon = repository.lastIndexOf(':');
    String name = repository.substring(0, colon);
    String tag = repository.substring(colon + 1);
    String id = engine.imageId(ref);
    engine.call("tag " + ref + " as " + repository, () -> {
      client.tagImageCmd(id, name, tag).exec();
      return null;
    });
    AtomicReference<String> refused = new AtomicReference<>();
    ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(PushResponseItem item) {
        if (item.getErrorDetail() != null) {
          refused.compareAndSet(null, item.getErrorDetail().getMessage());
        } else if (item.getError() != null) {
          refused.compareAndSet(null, item.getError());
        }
      }
    };
    try (Cancellation.Registration ignored = cancel.register(callback)) {
      boolean done = client.pushImageCmd(name).withTag(tag).withAuthConfig(new AuthConfig()).exec(callback)
          .awaitCompletion(PUSH_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      cancel.check();
      if (refused.get() != null) {
        throw new IllegalStateException(refused.get());
      }
      if (!done) {
        throw new IllegalStateException("the push did not end within " + PUSH_LIMIT.toMinutes() + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while pushing " + repository);
    } catch (IllegalStateException e) {
      throw e; // a refusal, or a cancellation
    } catch (RuntimeException e) {
      cancel.check();
      throw new IllegalStateException(refused.get() != null ? refused.get() : EngineErrors.rootMessage(e), e);
    } finally {
      untag(repository);
    }
  }

  private void untag(String repository) {
    try {
      client.removeImageCmd(repository).withNoPrune(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("cannot untag {}: {}", repository, EngineErrors.rootMessage(e));
    }
  }
}
