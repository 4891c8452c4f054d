package main

func main() {
	var fs [3]func() int
	for i := 0; i < 3; i++ {
		j := i
		fs[i] = func() int { return j }
	}
	println(fs[0]() + fs[2]())
}
