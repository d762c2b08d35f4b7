package io.durableflow.sample.tutorials;

import java.util.List;

import io.durableflow.tutorials.Tutorials;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sample's home: a user switcher and one chip per tutorial (none with
 * {@code durableflow.tutorials.enabled=false}).
 */
@Controller
public class GalleryController {

	static final List<String> USERS = List.of("ada", "bob", "carol");

	private final ObjectProvider<Tutorials> tutorials;

	public GalleryController(ObjectProvider<Tutorials> tutorials) {
		this.tutorials = tutorials;
	}

	@GetMapping("/")
	public String gallery(@RequestParam(defaultValue = "ada") String user, Model model) {
		model.addAttribute("user", USERS.contains(user) ? user : USERS.get(0));
		model.addAttribute("users", USERS);
		Tutorials tutorials = this.tutorials.getIfAvailable();
		model.addAttribute("tutorials", (tutorials != null) ? tutorials.catalog().tutorials() : List.of());
		return "gallery";
	}

}
