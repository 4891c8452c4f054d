package main

type Counter struct {
	hits  int
	owner *string
}

func (c *Counter) Hit() int {
	c.hits++
	return c.hits
}

func (c Counter) Owner() *string {
	return c.owner
}

func main() {
	name := "gopher"
	c := Counter{owner: &name}
	c.Hit()
	println(c.Hit(), *c.Owner())
}
