package io.durableflow.host;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The host application's own entity. */
@Entity
@Table(name = "customers")
public class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String email;

	protected Customer() {
	}

	public Customer(String email) {
		this.email = email;
	}

	public Long getId() {
		return this.id;
	}

	public String getEmail() {
		return this.email;
	}

}
