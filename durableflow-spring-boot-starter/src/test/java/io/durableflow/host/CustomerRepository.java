package io.durableflow.host;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** The host application's own Spring Data repository. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

	Optional<Customer> findByEmail(String email);

}
