package io.durableflow.tx;

import org.springframework.data.jpa.repository.JpaRepository;

/** The test host's Spring Data repository of {@link LedgerEntry}. */
public interface LedgerRepository extends JpaRepository<LedgerEntry, Long> {

}
