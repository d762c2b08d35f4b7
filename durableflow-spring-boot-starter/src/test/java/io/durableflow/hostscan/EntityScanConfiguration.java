package io.durableflow.hostscan;

import io.durableflow.host.Customer;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;

/**
 * A host that narrows entity scanning to its own package, which would hide a library's
 * entities.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = Customer.class)
public class EntityScanConfiguration {

}
