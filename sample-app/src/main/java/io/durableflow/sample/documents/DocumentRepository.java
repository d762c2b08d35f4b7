package io.durableflow.sample.documents;

import org.springframework.data.jpa.repository.JpaRepository;

/** The application's own Spring Data repository, beside DurableFlow's. */
public interface DocumentRepository extends JpaRepository<Document, Long> {

}
